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
            logger.LogError(exception, "Unhandled {ExceptionType} on {Path}", exception.GetType().Name, context.Request.Path);
        }

        return context.Response.HasStarted ? Task.CompletedTask : ToResult(problem, context.Request.Path).ExecuteAsync(context);
    }

    /// <summary>Maps any exception a handler let escape; unknown ones become a 500 that reveals nothing.</summary>
    public static ProblemException FromException(Exception exception) => exception switch
    {
        ProblemException problem => problem,
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            new ProblemException(413, "payload-too-large", "Request body too large", bad.Message),
        BadHttpRequestException bad =>
            new ProblemException(400, "bad-request", "Bad request", bad.Message),
        TableStorageException =>
            new ProblemException(503, "storage-unavailable", "Storage unavailable", "The state store did not answer; try again shortly."),
        OperationCanceledException =>
            new ProblemException(499, "request-cancelled", "Request cancelled", "The request was cancelled before it completed."),
        _ => new ProblemException(500, "unexpected", "Unexpected error", "An unexpected error occurred; it has been logged."),
    };
}
