using Connectors.Core.Calls;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Http;

/// <summary>
/// Checks the <c>{callId}</c> of every route that has one before its handler runs, so a malformed id is a
/// 400 problem before any read of the body or the state store, whichever handler the route belongs to.
/// </summary>
public static class CallIdRouteFilter
{
    public const string RouteValueName = "callId";

    public static ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HttpContext.Request.RouteValues.TryGetValue(RouteValueName, out var value))
        {
            CallId.Validate(value as string);
        }

        return next(context);
    }
}
