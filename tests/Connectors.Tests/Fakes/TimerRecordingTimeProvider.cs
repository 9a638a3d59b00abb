using System.Collections.Concurrent;

namespace Connectors.Tests.Fakes;

/// <summary>Passes everything to <paramref name="inner"/> and remembers the due time of every timer asked for.</summary>
public sealed class TimerRecordingTimeProvider(TimeProvider inner) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _requested = new();

    public IReadOnlyList<TimeSpan> Requested => _requested.ToList();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _requested.Enqueue(dueTime);
        return inner.CreateTimer(callback, state, dueTime, period);
    }
}
