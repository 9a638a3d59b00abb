using System.Diagnostics;
using System.Globalization;
using System.Text;
using Connectors.Tests.EndToEnd;
using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// Issue 14's lifecycle property: whole call lifecycles generated with CsCheck from a fixed seed (three platforms and
/// the JSON API, both CRMs; retries under the same id, duplicated and out-of-order events, silences around
/// AbandonAfter, CRM faults) keep the call contract, judged from the simulators' own records and the tables. A
/// failure is shrunk to the smallest lifecycle that still fails and printed as the requests to replay.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LifecyclePropertyTests(LifecycleRig rig, ITestOutputHelper output) : IClassFixture<LifecycleRig>
{
    /// <summary>How many lifecycles to play; scripts/bench.sh sets it for the long run.</summary>
    public const string CountVariable = "CONNECTORS_LIFECYCLE_COUNT";

    /// <summary>Sized so the run stays near 90 s on the shared build machine (a few seconds per call, the hosts' start included).</summary>
    public const int DefaultCount = 14;

    /// <summary>Reruns the shrink may spend on a failure (each is one real call through the hosts).</summary>
    public const int ShrinkReruns = 16;

    /// <summary>The fixed seed: the same lifecycles, in the same order, on every run.</summary>
    private static readonly PCG Seed = new(14, 2026);

    [Fact]
    public async Task Every_generated_call_lifecycle_keeps_the_call_contract()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable(CountVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCount;
        var runner = new LifecycleRunner(rig);
        var pcg = new PCG(Seed.Stream, Seed.Seed);
        var clock = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        output.WriteLine($"{count} lifecycles from seed {Seed}");
        for (var i = 0; i < count; i++)
        {
            var lifecycle = LifecycleGenerator.Lifecycles.Generate(pcg, null!, out _);
            var run = await runner.RunAsync(lifecycle);
            var violations = LifecycleInvariants.Violations(run);
            var outcome = $"{lifecycle.Channel}/{lifecycle.Crm}: {string.Join("+", run.RecordOutcomes)}";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            output.WriteLine($"{i + 1,3}. {lifecycle} -> {run.SettledState}, records [{string.Join(", ", run.RecordOutcomes)}] ({clock.Elapsed.TotalSeconds:F0} s)");
            if (violations.Count == 0)
            {
                continue;
            }

            var (smallest, smallestRun, broken) = await LifecycleShrinker.ShrinkAsync(lifecycle, run, violations, runner.RunAsync, ShrinkReruns);
            throw new XunitException(Report(i + 1, lifecycle, violations, smallest, smallestRun, broken));
        }

        output.WriteLine($"all {count} lifecycles kept the contract in {clock.Elapsed.TotalSeconds:F0} s; " + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} x{o.Value}")));
        Assert.Equal(count, outcomes.Values.Sum());
    }

    private static string Report(int number, Lifecycle first, IReadOnlyList<string> firstBroken, Lifecycle smallest, LifecycleRun run, IReadOnlyList<string> broken)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Lifecycle {number} from seed {Seed} broke the call contract:")
            .AppendLine(CultureInfo.InvariantCulture, $"  {first}")
            .AppendLine(CultureInfo.InvariantCulture, $"  {string.Join("\n  ", firstBroken)}")
            .AppendLine(CultureInfo.InvariantCulture, $"Shrunk to: {smallest}")
            .AppendLine(CultureInfo.InvariantCulture, $"  {string.Join("\n  ", broken)}")
            .AppendLine("Replay (requests in order; # lines are what happened between them):")
            .Append(run.Replay());
        return text.ToString();
    }
}
