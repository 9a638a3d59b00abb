namespace Connectors.Simulators.Salesforce;

/// <summary>
/// The simulator's clock: real time plus whatever a test has added, so token expiry and search-index lag
/// can be crossed without waiting while latency and timeouts stay real.
/// </summary>
public sealed class SimulatorClock : TimeProvider
{
    private readonly object _gate = new();
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return base.GetUtcNow() + _offset;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _offset += by;
        }
    }
}
