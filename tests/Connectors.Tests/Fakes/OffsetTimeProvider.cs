namespace Connectors.Tests.Fakes;

/// <summary>
/// Real time plus an offset the test moves. Timers stay real (Polly timeouts, simulator delays fire as
/// they would), while "now" can jump past a code's lifetime or a lockout window without sleeping. For
/// end-to-end tests; unit tests use the served FakeTimeProvider (Microsoft.Extensions.TimeProvider.Testing).
/// </summary>
public sealed class OffsetTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
