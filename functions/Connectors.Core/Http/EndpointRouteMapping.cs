using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Http;

/// <summary>Maps a handler on an <see cref="EndpointRoute"/>'s method, template and name, so LocalHost serves exactly the route table.</summary>
public static class EndpointRouteMapping
{
    public static RouteHandlerBuilder Map(this IEndpointRouteBuilder endpoints, EndpointRoute route, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(route);
        // The route rides along as metadata, so a host's key check reads the same access rule as the Functions triggers.
        return endpoints.MapMethods(route.Template, [route.Method], handler).WithName(route.Name).WithMetadata(route);
    }
}
