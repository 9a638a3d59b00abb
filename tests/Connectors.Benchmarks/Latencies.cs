using System.Globalization;

namespace Connectors.Benchmarks;

/// <summary>A set of measured durations and the percentiles the report prints.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>How many durations exceed <paramref name="limit"/>.</summary>
    public int CountAbove(TimeSpan limit)
    {
        lock (_milliseconds)
        {
            return _milliseconds.Count(ms => ms > limit.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _milliseconds.Order().ToList();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
        }
    }

    public double ShareOver(TimeSpan limit)
    {
        lock (_milliseconds)
        {
            return _milliseconds.Count == 0 ? 0 : _milliseconds.Count(m => m > limit.TotalMilliseconds) / (double)_milliseconds.Count;
        }
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} p50={Percentile(50):F1} ms p95={Percentile(95):F1} ms p99={Percentile(99):F1} ms max={Percentile(100):F1} ms");
}
