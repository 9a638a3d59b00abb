using Connectors.Core.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Connectors.Functions.Hosting;

/// <summary>
/// The Functions app's one place that turns an exception from an HTTP function into problem details, as LocalHost's
/// exception handler does. Other triggers rethrow, so Service Bus abandons the message and redelivers it.
/// </summary>
public sealed class HttpProblemMiddleware(ILogger<HttpProblemMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is not null)
        {
            await ProblemResults.WriteAsync(context.GetHttpContext()!, exception, logger);
        }
    }
}
