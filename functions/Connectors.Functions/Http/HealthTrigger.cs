using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Connectors.Functions.Http;

/// <summary>GET api/health: the same Core handler LocalHost maps. Anonymous, for load balancers and probes.</summary>
public sealed class HealthTrigger(HealthCheckService health)
{
    [Function(nameof(Health))]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HealthEndpoint.HandleAsync(request.HttpContext, health, cancellationToken);
}
