namespace Connectors.Core.Events;

/// <summary>
/// One outbound event in the outbox: the fact (type, call, time, a few codes; never PII, codes or payloads) and where
/// its delivery stands. <see cref="Id"/> derives from the call, the type and the occurrence (<see cref="OutboundEventId"/>),
/// so emitting twice stores one event and a receiver dedupes redeliveries on it.
/// </summary>
public sealed record OutboundEvent
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public required string CallId { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>Short codes about the fact (outcome, step, reason, agent, confirmation).</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>The configured endpoints that answered 2xx for this event.</summary>
    public IReadOnlyList<string> DeliveredTo { get; init; } = [];

    /// <summary>Delivery rounds that left an endpoint undelivered.</summary>
    public int FailedRounds { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? DeadLetteredAt { get; init; }
}
