using Connectors.Core.Calls;

namespace Connectors.Core.Events;

/// <summary>
/// Where the facts happen (recorded, abandoned, parked, replayed, answered), one line hands the fact here: it becomes
/// an outbox row and nothing more, so the wrap-up is never slowed or failed by a receiver. Safe to run twice: the id
/// derives from the call, the type and the occurrence.
/// </summary>
public sealed class CallEventEmitter
{
    private readonly EventOutbox _outbox;
    private readonly TimeProvider _time;

    public CallEventEmitter(EventOutbox outbox, TimeProvider time)
    {
        _outbox = outbox;
        _time = time;
    }

    /// <summary>
    /// <paramref name="occurrence"/> tells apart facts of one type that may happen more than once on a call (a park's
    /// time); null for those that happen once. <paramref name="data"/> holds short codes, never PII.
    /// </summary>
    public Task<bool> EmitAsync(string type, string callId, string? occurrence, IReadOnlyDictionary<string, string>? data, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        CallId.Validate(callId);
        var now = _time.GetUtcNow();
        return _outbox.AddAsync(new OutboundEvent
        {
            Id = OutboundEventId.For(type, callId, occurrence),
            Type = type,
            CallId = callId,
            Time = now,
            Data = data ?? new Dictionary<string, string>(),
            NextAttemptAt = now,
        }, cancellationToken);
    }
}
