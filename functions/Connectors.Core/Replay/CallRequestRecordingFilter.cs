using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Replay;

/// <summary>
/// LocalHost's hook for <see cref="ApiRequestRecorder"/>: an endpoint filter on the API group. A request the handler
/// refused with a problem is journalled with the problem's status and slug, then the problem goes on to the host's handler.
/// </summary>
public static class CallRequestRecordingFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var action = ApiRequestRecorder.ActionOf(http);
        if (action is null || !http.Request.RouteValues.TryGetValue(CallIdRouteFilter.RouteValueName, out var value) || value is not string callId || !CallId.IsValid(callId))
        {
            return await next(context);
        }

        ApiRequestRecorder.Prepare(http);
        var recorder = http.RequestServices.GetService(typeof(ApiRequestRecorder)) as ApiRequestRecorder;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e) when (e is not OperationCanceledException && recorder is not null)
        {
            var problem = ProblemResults.FromException(e);
            await recorder.RecordAsync(http, action, callId, problem.Status, problem.Slug, http.RequestAborted);
            throw;
        }

        if (recorder is not null)
        {
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            var outcome = ApiRequestRecorder.OutcomeOf(result is IValueHttpResult valued ? valued.Value : null);
            await recorder.RecordAsync(http, action, callId, status, outcome, http.RequestAborted);
        }

        return result;
    }
}
