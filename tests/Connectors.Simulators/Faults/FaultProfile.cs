namespace Connectors.Simulators.Faults;

/// <summary>
/// How a simulator misbehaves. Rates are per request, independent, in [0, 1]. Latency follows a
/// log-normal distribution fitted to the given median and 99th percentile, as real API latency does.
/// </summary>
public sealed record FaultProfile
{
    public static FaultProfile None { get; } = new();

    /// <summary>Median added latency. Zero adds none.</summary>
    public TimeSpan LatencyP50 { get; init; }

    /// <summary>99th-percentile added latency (at least the median).</summary>
    public TimeSpan LatencyP99 { get; init; }

    /// <summary>Requests answered 503 (or the vendor's server-error shape) without doing anything.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Requests answered 429 (or the vendor's limit error) with <see cref="RetryAfter"/>.</summary>
    public double ThrottleRate { get; init; }

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Connections dropped before any answer; for writes, before anything is committed.</summary>
    public double DropRate { get; init; }

    /// <summary>Writes that commit, then answer only after <see cref="LateAnswerDelay"/>, when the client has given up.</summary>
    public double LateAnswerRate { get; init; }

    public TimeSpan LateAnswerDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Until this time every request fails as the vendor fails in an outage.</summary>
    public DateTimeOffset? OutageUntil { get; init; }

    /// <summary>Seed of the random source, for repeatable runs. Null picks one.</summary>
    public int? Seed { get; init; }
}
