namespace Connectors.Core.Resilience;

/// <summary>
/// What <see cref="HttpResiliencePipelines"/> needs to build an outbound HTTP pipeline. The CRM and sender
/// options both carry it, each with bounds of its own (a caller on the line waits on a send, not on a CRM write).
/// </summary>
public interface IHttpResilienceShape
{
    /// <summary>Timeout of one HTTP attempt.</summary>
    TimeSpan AttemptTimeout { get; }

    /// <summary>Bound on one call through the pipeline, retries and back-off included.</summary>
    TimeSpan TotalTimeout { get; }

    /// <summary>Retries after the first attempt, where a retry is allowed at all.</summary>
    int MaxRetryAttempts { get; }

    /// <summary>First back-off; grows exponentially with jitter.</summary>
    TimeSpan BaseDelay { get; }

    /// <summary>Longest Retry-After waited out; a longer one ends the call.</summary>
    TimeSpan MaxRetryAfter { get; }

    /// <summary>Share of failed calls in the sampling window that opens the circuit.</summary>
    double BreakerFailureRatio { get; }

    /// <summary>Calls in the window before the breaker may open.</summary>
    int BreakerMinimumThroughput { get; }

    /// <summary>The breaker's sampling window.</summary>
    TimeSpan BreakerSamplingDuration { get; }

    /// <summary>How long an open circuit refuses calls before a trial.</summary>
    TimeSpan BreakDuration { get; }
}
