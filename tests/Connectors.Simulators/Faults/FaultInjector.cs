namespace Connectors.Simulators.Faults;

/// <summary>
/// Draws a <see cref="FaultDecision"/> per request from the current <see cref="FaultProfile"/>.
/// Thread-safe; the profile can be swapped while requests run.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private FaultProfile _profile = FaultProfile.None;
    private Random _random = new();

    public FaultInjector(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    public FaultProfile Profile
    {
        get
        {
            lock (_gate)
            {
                return _profile;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                _profile = value;
                _random = value.Seed is { } seed ? new Random(seed) : new Random();
            }
        }
    }

    /// <summary>The decision for the next request. Reads never get <see cref="FaultKind.LateAnswer"/>.</summary>
    public FaultDecision Next(bool isWrite)
    {
        lock (_gate)
        {
            var p = _profile;
            var latency = SampleLatency(p);
            if (p.OutageUntil is { } until && _time.GetUtcNow() < until)
            {
                return new FaultDecision(FaultKind.Outage, latency);
            }

            var roll = _random.NextDouble();
            var kind = FaultKind.None;
            foreach (var (rate, candidate) in new[]
                     {
                         (p.ServerErrorRate, FaultKind.ServerError),
                         (p.ThrottleRate, FaultKind.Throttle),
                         (p.DropRate, FaultKind.Drop),
                         (isWrite ? p.LateAnswerRate : 0, FaultKind.LateAnswer),
                     })
            {
                if (roll < rate)
                {
                    kind = candidate;
                    break;
                }

                roll -= rate;
            }

            return new FaultDecision(kind, latency);
        }
    }

    private TimeSpan SampleLatency(FaultProfile p)
    {
        if (p.LatencyP50 <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // Log-normal: median = e^mu, p99 = e^(mu + 2.326 sigma).
        var mu = Math.Log(p.LatencyP50.TotalMilliseconds);
        var sigma = p.LatencyP99 > p.LatencyP50 ? Math.Log(p.LatencyP99.TotalMilliseconds / p.LatencyP50.TotalMilliseconds) / 2.326 : 0;
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return TimeSpan.FromMilliseconds(Math.Exp(mu + (sigma * normal)));
    }
}
