namespace Connectors.Simulators.Zendesk;

/// <summary>
/// The simulator's business clock: another clock (the system's, or a test's fake) plus an offset that
/// tests and <c>POST /_sim/clock/advance</c> move forward, e.g. past the two-hour idempotency window.
/// Only "now" is shifted; delays (latency, late answers) run in real time.
/// </summary>
public sealed class OffsetClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly object _gate = new();
    private TimeSpan _offset;

    public OffsetClock(TimeProvider inner)
    {
        _inner = inner;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _inner.GetUtcNow() + _offset;
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _offset += by;
        }
    }
}
