using Connectors.Core.Auth;
using Connectors.Core.Calls;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.WrapUp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Http;

/// <summary>
/// Every HTTP endpoint of the connector set, mapped by its capability. LocalHost maps these directly;
/// the Functions app's HTTP triggers call the same handlers.
/// </summary>
public static class RouteTable
{
    public const string Prefix = "/api";

    public static IEndpointRouteBuilder MapConnectorsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix);
        api.MapHealthEndpoint();
        api.MapDryRunEndpoints();
        api.MapStepUpEndpoints();
        api.MapCallEndpoints();
        api.MapWrapUpEndpoints();
        return endpoints;
    }
}
