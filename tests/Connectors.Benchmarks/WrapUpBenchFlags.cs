using System.Globalization;

namespace Connectors.Benchmarks;

/// <summary>
/// The wrap-up bench's flags: <c>--faulted-calls N</c> sizes the faulted run (2,000 alone, 150 in the full bench; 10,000 is issue 14's
/// bar; the older <c>WRAPUP_BENCH_CALLS</c> variable still works), and <c>--faulted-only</c> runs that run alone.
/// </summary>
internal static class WrapUpBenchFlags
{
    /// <summary>The faulted run alone (<c>--faulted-only</c>) runs 2,000 calls unless told otherwise.</summary>
    public const int DefaultFaultedCalls = 2000;

    /// <summary>The full bench's faulted run: small enough to keep the whole bench near 15 minutes.</summary>
    public const int FullBenchFaultedCalls = 150;

    public static int FaultedCalls(IReadOnlyList<string> args, int fallback)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--faulted-calls")
            {
                return int.Parse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return Environment.GetEnvironmentVariable("WRAPUP_BENCH_CALLS") is { Length: > 0 } calls ? int.Parse(calls, CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>
    /// The faulted run's offered rate, calls a second (<c>--faulted-rate R</c>; default 5, above the 3.3/s that settles
    /// 2,000 calls in 10 minutes): arrivals at a steady rate, as a contact center's come. A burst of thousands measures
    /// the emulator's queues instead, whose every dequeue scans every message it holds.
    /// </summary>
    public static double FaultedRate(IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf("--faulted-rate");
        return at >= 0 && at < args.Count - 1 ? double.Parse(args[at + 1], NumberStyles.Float, CultureInfo.InvariantCulture) : 5;
    }

    public static bool FaultedOnly(IReadOnlyList<string> args) => args.Contains("--faulted-only");

    /// <summary>The positional call count (the other phases' size), wherever the flags stand.</summary>
    public static int Calls(IReadOnlyList<string> args, int fallback)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--faulted-calls" or "--faulted-rate")
            {
                i++;
            }
            else if (int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var calls))
            {
                return calls;
            }
        }

        return fallback;
    }
}
