using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Retries;

/// <summary>How long a platform's retry gets the first answer again, and how a duplicate that arrives mid-request waits.</summary>
public sealed class RequestReplayOptions
{
    public const string SectionName = "Retries";

    /// <summary>
    /// How long the first answer to a request id is kept for its retries; after that the row is swept and the id is new
    /// again. Default 1.00:00:00 (a sender re-signs each retry, so its own tolerance does not bound how late one comes).
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan AnswerLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a duplicate that arrives while the first is still being answered waits for that answer before it gets a
    /// 409 request-in-progress with Retry-After. Default 00:00:05 (under Connect's 8 s and Twilio's 15 s timeouts).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan InProgressWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A claim older than this whose answer never came (its host died mid-request) is taken over by the next retry.
    /// Default 00:02:00 (well past the longest a request may run).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often LocalHost sweeps expired rows (Azure: a timer trigger every five minutes). Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}
