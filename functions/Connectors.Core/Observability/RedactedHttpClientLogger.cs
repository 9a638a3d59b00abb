using System.Diagnostics;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Observability;

/// <summary>
/// IHttpClientFactory's request log with nothing secret in it, for clients that call with credentials.
/// The built-in logger's <c>RedactLoggedHeaders</c> redacts only the formatted message: its structured
/// state still carries every header value, and a structured sink (or a test's log collector) writes them.
/// This one logs the method, the path without its query (queries carry phone numbers), the header
/// <em>names</em> with their values starred, the status and the elapsed time.
/// </summary>
public sealed class RedactedHttpClientLogger(ILogger<RedactedHttpClientLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Sending {Method} {Path}; headers {Headers}", request.Method, PathOf(request), StarredHeaders(request));
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        logger.LogDebug("{Method} {Path} answered {StatusCode} after {ElapsedMs} ms", request.Method, PathOf(request), (int)response.StatusCode, (long)elapsed.TotalMilliseconds);
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(exception);
        logger.LogDebug("{Method} {Path} failed after {ElapsedMs} ms: {Failure}", request.Method, PathOf(request), (long)elapsed.TotalMilliseconds, exception.GetType().Name);
    }

    private static string PathOf(HttpRequestMessage request) => request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : "?";

    /// <summary>"Authorization: *, Accept: *": which headers went, never what they said.</summary>
    private static string StarredHeaders(HttpRequestMessage request)
    {
        var names = request.Headers.Select(h => h.Key);
        if (request.Content is not null)
        {
            names = names.Concat(request.Content.Headers.Select(h => h.Key));
        }

        return string.Join(", ", names.Select(n => n + ": *"));
    }
}
