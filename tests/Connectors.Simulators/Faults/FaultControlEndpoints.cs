using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Simulators.Faults;

/// <summary>
/// <c>GET/PUT /_sim/faults</c>: read or set a simulator's fault profile over HTTP, for run-local
/// sessions and out-of-process tests (in-process tests set <see cref="FaultInjector.Profile"/> directly).
/// </summary>
public static class FaultControlEndpoints
{
    public static IEndpointRouteBuilder MapFaultControl(this IEndpointRouteBuilder endpoints, FaultInjector injector)
    {
        endpoints.MapGet("/_sim/faults", () => TypedResults.Ok(injector.Profile));
        endpoints.MapPut("/_sim/faults", (FaultProfile profile) =>
        {
            injector.Profile = profile;
            return TypedResults.Ok(injector.Profile);
        });
        return endpoints;
    }
}
