using System.Diagnostics;

namespace Connectors.LocalHost;

/// <summary>
/// The request record, as Application Insights keeps one for each request in Azure: the request span gets the method
/// and the path (<c>http.request.method</c>, <c>url.path</c>). A path with an agent-link token is recorded as
/// <c>batons/{token}</c> by the span scrubber, like every other tag.
/// </summary>
public sealed class RequestRecordMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Activity.Current is { } span)
        {
            span.SetTag("http.request.method", context.Request.Method);
            span.SetTag("url.path", context.Request.Path.Value);
        }

        return next(context);
    }
}
