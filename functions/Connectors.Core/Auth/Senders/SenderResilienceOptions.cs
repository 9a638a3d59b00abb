using System.ComponentModel.DataAnnotations;
using Connectors.Core.Resilience;

namespace Connectors.Core.Auth.Senders;

/// <summary>
/// The shape of one sender's Polly pipeline. A caller waits on the line while a code is sent, so the
/// bounds are short; what is retried depends on whether the provider can recognise a repeat.
/// </summary>
public sealed class SenderResilienceOptions : IHttpResilienceShape
{
    /// <summary>Timeout of one HTTP attempt; past it the send is "unknown". Default 00:00:05.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound on the whole send, retries included. Default 00:00:12.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Retries after the first attempt, where a retry is safe. Default 2.</summary>
    [Range(0, 5)]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>First back-off; grows exponentially with jitter. Default 00:00:00.200.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest Retry-After waited out; a longer one fails the send as throttled. Default 00:00:03.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Share of failed sends in the window that opens the circuit. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Sends in the window before the breaker may open. Default 10.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The breaker's sampling window. Default 00:00:30.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses sends. Default 00:00:15.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
