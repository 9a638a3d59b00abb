using Connectors.Core.Calls;
using Connectors.Core.Http;
using Connectors.Core.Replay;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Connectors.Functions.Hosting;

/// <summary>
/// The Functions app's hook for Core's <see cref="ApiRequestRecorder"/> (LocalHost's is an endpoint filter): journals the
/// JSON API requests that drive a call, by function name, with the status the function answered.
/// </summary>
public sealed class CallRequestRecordingMiddleware(ApiRequestRecorder recorder) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.GetHttpContext();
        var action = ApiRequestRecorder.ActionFor(context.FunctionDefinition.Name);
        if (http is null || action is null || !context.BindingContext.BindingData.TryGetValue(CallIdRouteFilter.RouteValueName, out var value)
            || value is not string callId || !CallId.IsValid(callId))
        {
            await next(context);
            return;
        }

        ApiRequestRecorder.Prepare(http);
        await next(context);
        await recorder.RecordAsync(http, action, callId, http.Response.StatusCode, outcome: null, http.RequestAborted);
    }
}
