using System.Globalization;
using Azure;

namespace Connectors.Core.Storage;

/// <summary>
/// Turns what Azure.Data.Tables throws when storage fails (a refused request, retries exhausted on a dead
/// endpoint, an attempt that timed out) into one <see cref="TableStorageException"/>, which the hosts answer
/// with 503 storage-unavailable. The caller's own cancellation stays a cancellation.
/// </summary>
internal static class TableFailures
{
    public static async Task<TResult> GuardAsync<TResult>(string operation, Func<Task<TResult>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (IsFailure(ex, cancellationToken))
        {
            throw Describe(operation, ex);
        }
    }

    /// <summary>
    /// A storage failure rather than the caller giving up: Azure.Core reports a per-attempt timeout as a
    /// cancellation and wraps the failures of exhausted retries in an <see cref="AggregateException"/>.
    /// </summary>
    public static bool IsFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is RequestFailedException or AggregateException or HttpRequestException or IOException or OperationCanceledException;

    public static TableStorageException Describe(string operation, Exception exception)
    {
        var cause = Innermost(exception);
        if (cause is RequestFailedException { Status: > 0 } refused)
        {
            return new TableStorageException(
                string.Create(CultureInfo.InvariantCulture, $"{operation} failed with {refused.Status} {refused.ErrorCode}: {FirstLine(refused.Message)}"),
                refused.Status,
                refused.ErrorCode,
                exception);
        }

        var what = cause is OperationCanceledException or TimeoutException ? "did not answer in time" : "could not be reached";
        return new TableStorageException($"{operation}: Table Storage {what}: {FirstLine(cause.Message)}", 0, null, exception);
    }

    /// <summary>The last attempt's failure, unwrapped from the retry's aggregate and Azure.Core's wrapper.</summary>
    private static Exception Innermost(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                    exception = aggregate.InnerExceptions[^1];
                    break;
                case RequestFailedException { Status: 0, InnerException: { } inner }:
                    exception = inner;
                    break;
                default:
                    return exception;
            }
        }
    }

    /// <summary>The service's message runs on with request ids and headers; the first line is what a person reads.</summary>
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
