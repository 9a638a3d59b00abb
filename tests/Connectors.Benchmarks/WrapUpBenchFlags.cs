using System.Globalization;

namespace Connectors.Benchmarks;

/// <summary>
/// The wrap-up bench's flags: <c>--faulted-calls N</c> sizes the faulted run (2,000 by default; 10,000 is the issue's
/// bar; the older <c>WRAPUP_BENCH_CALLS</c> variable still works), and <c>--faulted-only</c> runs that run alone.
/// </summary>
internal static class WrapUpBenchFlags
{
    public const int DefaultFaultedCalls = 2000;

    public static int FaultedCalls(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--faulted-calls")
            {
                return int.Parse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return int.Parse(Environment.GetEnvironmentVariable("WRAPUP_BENCH_CALLS") ?? DefaultFaultedCalls.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static bool FaultedOnly(IReadOnlyList<string> args) => args.Contains("--faulted-only");

    /// <summary>The positional call count (the other phases' size), wherever the flags stand.</summary>
    public static int Calls(IReadOnlyList<string> args, int fallback)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--faulted-calls")
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
