using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Http;

/// <summary>GET api/health: the same Core handler LocalHost maps. Anonymous, for load balancers and probes.</summary>
public static class HealthTrigger
{
    [Function(nameof(HealthTrigger))]
    public static Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        HealthEndpoint.HandleAsync(request, cancellationToken);
}
