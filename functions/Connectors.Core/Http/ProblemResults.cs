using Connectors.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Http;

/// <summary>Turns failures into RFC 7807 problem details; the one place each host maps exceptions.</summary>
public static class ProblemResults
{
    public const string TypePrefix = "urn:connectors:problem:";

    public static string TypeFor(string slug) => TypePrefix + slug;

    public static ProblemDetails ToProblemDetails(ProblemException problem, string? instance = null)
    {
        var details = new ProblemDetails
        {
            Type = problem.Type,
            Title = problem.Title,
            Status = problem.Status,
            Detail = problem.Message,
            Instance = instance,
        };
        foreach (var (key, value) in problem.Extensions)
        {
            details.Extensions[key] = value;
        }

        return details;
    }

    public static IResult ToResult(ProblemException problem, string? instance = null) =>
        TypedResults.Problem(ToProblemDetails(problem, instance));

    /// <summary>
    /// The one error path of each host: writes an exception a handler let escape as problem details, and logs it
    /// when it is the server's fault. A response already under way cannot be replaced, so it is only logged.
    /// </summary>
    public static Task WriteAsync(HttpContext context, Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(logger);
        var problem = FromException(exception);
        if (problem.Status >= 500 || context.Response.HasStarted)
        {
            logger.LogError(exception, "Unhandled {ExceptionType} on {Path}", exception.GetType().Name, Observability.AgentLinkScrubber.Scrub(context.Request.Path.Value ?? string.Empty));
        }

        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        if (problem.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ToResult(problem, context.Request.Path).ExecuteAsync(context);
    }

    /// <summary>
    /// The problem body of an answer the routing layer gave without one (no route: 404; a route without that
    /// method: 405), so every error a client meets is problem details. Answers that already have a body are left alone.
    /// </summary>
    public static Task WriteStatusCodeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.Response.StatusCode;
        if (context.Response.HasStarted || status < 400)
        {
            return Task.CompletedTask;
        }

        var problem = status switch
        {
            StatusCodes.Status404NotFound => new ProblemException(status, "not-found", "Not found",
                $"No endpoint answers {InputIdentifiers.Echo(context.Request.Path.Value ?? string.Empty, 200)}; the endpoints are under /api (see the README)."),
            StatusCodes.Status405MethodNotAllowed => new ProblemException(status, "method-not-allowed", "Method not allowed",
                $"This endpoint does not answer {InputIdentifiers.Echo(context.Request.Method, 16)}; see the Allow header."),
            _ => new ProblemException(status, "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture), "HTTP " + status,
                "The request could not be answered as sent."),
        };
        return ToResult(problem, context.Request.Path).ExecuteAsync(context);
    }

    /// <summary>Maps any exception a handler let escape; unknown ones become a 500 that reveals nothing.</summary>
    public static ProblemException FromException(Exception exception) => exception switch
    {
        ProblemException problem => problem,
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            new ProblemException(413, "payload-too-large", "Request body too large", bad.Message),
        BadHttpRequestException bad =>
            new ProblemException(400, "bad-request", "Bad request", bad.Message),
        StateContendedException =>
            new ProblemException(409, "call-busy", "Call busy",
                "Other requests on this call changed it at the same moment; nothing was done for this one, so send it again.")
            {
                RetryAfter = TimeSpan.FromSeconds(1),
            },
        TableStorageException =>
            new ProblemException(503, "storage-unavailable", "Storage unavailable", "The state store did not answer; try again shortly."),
        OperationCanceledException =>
            new ProblemException(499, "request-cancelled", "Request cancelled", "The request was cancelled before it completed."),
        _ => new ProblemException(500, "unexpected", "Unexpected error", "An unexpected error occurred; it has been logged."),
    };
}
