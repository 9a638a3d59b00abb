using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The one rule of which wrap-up step failures are worth retrying, beside <see cref="CrmStepResult"/>'s (a refusal
/// is a value that parks at once): a CRM, network or storage failure, a timeout or contention passes with time; any
/// other exception type is a bug, which no retry fixes, so the wrap-up parks at once instead of trying it again.
/// </summary>
public static class TransientFailure
{
    /// <summary>The exception types (namespace-qualified, as the engine records them) that a retry can get past.</summary>
    public static readonly IReadOnlySet<string> ErrorTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Connectors.Core.Crm.CrmUnavailableException",
        "Connectors.Core.Storage.TableStorageException",
        "Connectors.Core.Storage.StateContendedException",
        "Azure.RequestFailedException",
        "System.Net.Http.HttpRequestException",
        "System.Net.Http.HttpIOException",
        "System.Net.Sockets.SocketException",
        "System.IO.IOException",
        "System.TimeoutException",
        "System.OperationCanceledException",
        "System.Threading.Tasks.TaskCanceledException",
        "Polly.Timeout.TimeoutRejectedException",
        "Polly.CircuitBreaker.BrokenCircuitException",
        "Polly.RateLimiting.RateLimiterRejectedException",
    };

    /// <summary>True when the failure (an activity's, as the engine reports it), or one it wraps, is transient.</summary>
    public static bool Is(TaskFailureDetails? failure)
    {
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (ErrorTypes.Contains(f.ErrorType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The park reason of a step that failed: <c>retries-exhausted</c> (transient, retried to the policy's end) or <c>failed</c> (a bug, not retried).</summary>
    public static string ParkReason(TaskFailureDetails? failure) => Is(failure) ? RetriesExhausted : Failed;

    public const string RetriesExhausted = "retries-exhausted";
    public const string Failed = "failed";
    public const string Rejected = "rejected";
}
