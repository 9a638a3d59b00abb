using Connectors.Core.Auth;
using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Connectors.Core.Channels;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Events;
using Connectors.Core.Replay;
using Connectors.Core.Signals;
using Connectors.Core.WrapUp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Http;

/// <summary>
/// Every HTTP endpoint of the connector set, mapped by its capability. LocalHost maps these directly;
/// the Functions app's HTTP triggers call the same handlers on the same route constants (each capability's
/// <c>XxxRoutes</c>), and a test holds the generated <c>functions.metadata</c> to <see cref="All"/>.
/// </summary>
public static class RouteTable
{
    /// <summary>The route prefix of both hosts (host.json's <c>extensions.http.routePrefix</c> in the Functions app).</summary>
    public const string Prefix = "/api";

    /// <summary>Every endpoint, by capability: a new capability adds its <c>XxxRoutes.All</c> here and maps the same routes below.</summary>
    public static IReadOnlyList<EndpointRoute> All { get; } =
    [
        .. HealthRoutes.All,
        .. DryRunRoutes.All,
        .. StepUpRoutes.All,
        .. CallRoutes.All,
        .. BatonRoutes.All,
        .. ChannelRoutes.All,
        .. WrapUpRoutes.All,
        .. SignalsRoutes.All,
        .. EventRoutes.All,
        .. ReplayRoutes.All,
    ];

    public static IEndpointRouteBuilder MapConnectorsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix);
        api.AddEndpointFilter(CallIdRouteFilter.InvokeAsync);
        api.AddEndpointFilter(CallRequestRecordingFilter.InvokeAsync);
        api.MapHealthEndpoint();
        api.MapDryRunEndpoints();
        api.MapStepUpEndpoints();
        api.MapCallEndpoints();
        api.MapBatonEndpoints();
        api.MapChannelEndpoints();
        api.MapWrapUpEndpoints();
        api.MapSignalsEndpoints();
        api.MapEventEndpoints();
        api.MapCallExportEndpoint();
        api.MapDryRunFaultEndpoint();
        return endpoints;
    }
}
