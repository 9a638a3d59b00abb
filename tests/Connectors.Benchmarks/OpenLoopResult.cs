namespace Connectors.Benchmarks;

/// <summary>
/// What one <see cref="OpenLoop"/> run measured: latencies from each operation's due time, failures, operations still
/// running when the driver stopped waiting, and arrivals the driver itself started late (a machine too busy to drive).
/// </summary>
internal sealed record OpenLoopResult(double Rate, int Offered, Latencies Latencies, int Failed, int Unfinished, int StartedLate, TimeSpan OfferedFor, TimeSpan Elapsed)
{
    /// <summary>Operations completed per second of the whole run.</summary>
    public double Throughput => (Offered - Unfinished) / Elapsed.TotalSeconds;
}
