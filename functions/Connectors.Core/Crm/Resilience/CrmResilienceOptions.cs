using System.ComponentModel.DataAnnotations;
using Connectors.Core.Resilience;

namespace Connectors.Core.Crm.Resilience;

/// <summary>
/// The shape of one CRM's resilience pipeline. Bound per CRM (<c>Salesforce:Resilience</c>,
/// <c>Zendesk:Resilience</c>). The product of attempts and per-attempt timeout stays under
/// <see cref="TotalTimeout"/>, which bounds how long any caller can wait on the CRM.
/// </summary>
public sealed class CrmResilienceOptions : IHttpResilienceShape
{
    /// <summary>Timeout of one HTTP attempt. Default 00:00:05.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound on one call through the pipeline, retries and back-off included. Default 00:00:20.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries after the first attempt, for reads and keyed writes. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off; grows exponentially with jitter. Default 00:00:00.200.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest Retry-After we wait out; a longer one fails the call as throttled. Default 00:00:10.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed calls in the sampling window that opens the circuit. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the window before the breaker may open. Default 10.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The breaker's sampling window. Default 00:00:30.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before a trial. Default 00:00:15.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Requests in flight to this CRM org at once (its API quota is the binding limit). Default 16.</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>Requests that may wait for a slot; past this they are refused as throttled. Default 200.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequests { get; set; } = 200;
}
