using System.Diagnostics;
using System.Globalization;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;

namespace Connectors.Benchmarks;

/// <summary>
/// The wrap-up's faulted run (20% faults of every kind and an outage past the retry deadline) counting duplicates, voids
/// and parked wrap-ups from the simulator's own records.
/// </summary>
internal static class WrapUpBench
{
    internal static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["WrapUp:FirstRetryInterval"] = "00:00:01",
        ["WrapUp:MaxRetryInterval"] = "00:00:04",
        ["WrapUp:RetryDeadline"] = "00:00:20",
        ["Salesforce:Resilience:AttemptTimeout"] = "00:00:02",
        ["Salesforce:Resilience:TotalTimeout"] = "00:00:06",
        ["Salesforce:Resilience:BreakDuration"] = "00:00:03",
        ["Salesforce:Resilience:MaxConcurrentRequests"] = "32",
    };

    /// <summary>
    /// The long runs run 64 activities at once and purge completed wrap-ups a minute after they finish, as Azure's own retention would in its time:
    /// every history load is a scan of the whole history table in Azurite (an indexed partition read in Azure), so
    /// thousands of finished calls left in the hub slow every later one; their records are in the CRM and the counts
    /// come from there.
    /// </summary>
    internal static readonly Dictionary<string, string?> LongRun = new(FastRetries)
    {
        ["DurableTask:PurgeCompletedAfter"] = "00:01:00",
        ["DurableTask:PurgeInterval"] = "00:00:30",
        // Not the default (see DurableEngineOptions.MaxConcurrentActivities): at 10 slots this run queues its activities behind CRM waits.
        ["DurableTask:MaxConcurrentActivities"] = "64",
    };

    /// <summary>The CRM's own pace in both throughput runs, as in the steady-rate bench: 200 ms p50, 1 s p99.</summary>
    private static readonly FaultProfile Paced = new() { LatencyP50 = TimeSpan.FromMilliseconds(200), LatencyP99 = TimeSpan.FromSeconds(1), Seed = 2026 };

    /// <summary>20% faults of every kind (503, 429 with Retry-After, dropped connections, commit-then-answer-late) on top of <see cref="Paced"/>.</summary>
    private static readonly FaultProfile Faulted = Paced with
    {
        ServerErrorRate = 0.05, ThrottleRate = 0.05, DropRate = 0.05, LateAnswerRate = 0.05,
        RetryAfter = TimeSpan.FromSeconds(1), LateAnswerDelay = TimeSpan.FromSeconds(4),
    };

    /// <summary>
    /// Wrap-up throughput with and without faults: the same <paramref name="calls"/> ended as fast as the driver can
    /// (so the engine, not the arrivals, sets the pace), once on a healthy CRM and once with 20% faults (no outage),
    /// each counted as calls recorded per second from the first end until every call is recorded or parked.
    /// </summary>
    public static async Task RunThroughputAsync(string storage, int calls, BenchReport report)
    {
        const string phase = "wrap-up drain";
        var healthy = await DrainAsync(storage, calls, Paced, "wu-clean");
        var faulted = await DrainAsync(storage, calls, Faulted, "wu-faulty");
        report.Add(phase, $"fault-free: {calls} calls, recorded per second", healthy.PerSecond, "1/s");
        report.Add(phase, "20% faults: recorded per second", faulted.PerSecond, "1/s");
        report.Add(phase, "20% faults: parked / duplicates / voids", faulted.Counts.Parked + faulted.Counts.Duplicates + faulted.Counts.Voids, "count");
        report.Add(phase, "ratio faulted / fault-free", faulted.PerSecond / healthy.PerSecond, "ratio", ">= 0.5");
    }

    private static async Task<(double PerSecond, WrapUpCounts Counts)> DrainAsync(string storage, int calls, FaultProfile profile, string prefix)
    {
        await using var system = await BenchSystem.StartAsync(storage, FastRetries);
        system.Crm.Faults.Profile = profile;
        var ids = Enumerable.Range(0, calls).Select(i => $"{prefix}-{i}").ToList();
        var run = Stopwatch.StartNew();
        await EndAllAsync(system, ids, rate: null, onEach: null);
        var counts = await WrapUpSettle.SettleAsync(system, ids, parkedSince: null, TimeSpan.FromMinutes(10));
        var seconds = run.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  drain {prefix}: {counts} in {seconds:F0} s"));
        return (counts.Recorded / seconds, counts);
    }

    /// <summary>
    /// Connects and ends every call: at <paramref name="rate"/> calls a second when given (open model, as calls arrive at a
    /// contact center), else as fast as 8 at a time go (a drain). <paramref name="onEach"/> runs before call <c>i</c> starts.
    /// </summary>
    private static async Task EndAllAsync(BenchSystem system, IReadOnlyList<string> ids, double? rate, Action<int>? onEach)
    {
        var refusals = new AnswerTally();
        async Task<bool> EndAsync(int i)
        {
            onEach?.Invoke(i);
            using var connect = await system.PostAsync($"api/calls/{ids[i]}/connect", new { platform = "webhook" });
            using var end = await system.PostAsync($"api/calls/{ids[i]}/end", new { humanTookCall = false });
            foreach (var (name, answer) in new[] { ("connect", connect), ("end", end) }.Where(a => !a.Item2.IsSuccessStatusCode))
            {
                refusals.Add(name, (int)answer.StatusCode, await answer.Content.ReadAsStringAsync());
            }

            return connect.IsSuccessStatusCode && end.IsSuccessStatusCode;
        }

        if (rate is { } perSecond)
        {
            var offered = await OpenLoop.RunAsync(perSecond, TimeSpan.FromSeconds(ids.Count / perSecond), EndAsync);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  offered {offered.Offered} calls at {perSecond:0.#}/s in {offered.OfferedFor.TotalSeconds:F0} s; connect+end p99 {offered.Latencies.Percentile(99):F0} ms, refused {offered.Failed}, driver late {offered.StartedLate}"));
            foreach (var line in refusals.Lines())
            {
                Console.WriteLine("    refused: " + line);
            }

            return;
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) => await EndAsync(i));
    }

    /// <summary>
    /// The faulted run: <paramref name="faultedCalls"/> calls arriving at a steady <paramref name="rate"/> a second
    /// (<see cref="OpenLoop"/>) through 20% faults and a 40 s outage midway,
    /// counted when everything has settled (recorded or parked; in-flight calls apart), then again after the
    /// parked ones are replayed with the CRM healthy. Counts come from the simulator's records keyed by the run's
    /// own calls and the parked list.
    /// </summary>
    public static async Task RunFaultedAsync(string storage, int faultedCalls, double rate, BenchReport? report = null)
    {
        await using (var system = await BenchSystem.StartAsync(storage, LongRun))
        {
            var faults = Faulted with { LatencyP50 = TimeSpan.Zero, LatencyP99 = TimeSpan.Zero };
            system.Crm.Faults.Profile = faults;
            var ids = Enumerable.Range(0, faultedCalls).Select(i => $"wu-fault-{i}").ToList();
            var patience = TimeSpan.FromMinutes(Math.Max(15, faultedCalls / 200));
            var run = Stopwatch.StartNew();
            await EndAllAsync(system, ids, rate, onEach: i =>
            {
                if (i == faultedCalls / 2)
                {
                    system.Crm.Faults.Profile = faults with { OutageUntil = DateTimeOffset.UtcNow.AddSeconds(40) };
                }
            });

            var settled = await WrapUpSettle.SettleAsync(system, ids, parkedSince: null, patience);
            var settledIn = run.Elapsed;
            Console.WriteLine();
            Console.WriteLine($"Faulted wrap-up run: {faultedCalls} calls offered at {rate:0.#}/s, 20% faults (503, 429, resets, commit-then-timeout), a 40 s outage midway");
            Console.WriteLine("  (64 activity slots, finished wrap-ups purged after a minute: see LongRun)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  settled     : {settled}, in {settledIn.TotalSeconds:F0} s"));

            system.Crm.Faults.Profile = FaultProfile.None;
            var replayedAt = DateTimeOffset.UtcNow;
            var parked = await WrapUpSettle.ParkedAsync(system, ids, since: null);
            foreach (var id in parked)
            {
                (await system.Client.PostAsync($"api/wrapups/{id}/replay", null)).Dispose();
            }

            var after = await WrapUpSettle.SettleAsync(system, ids, replayedAt, patience);
            run.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  after replay: {after}, {parked.Count} replayed; {(run.Elapsed - settledIn).TotalSeconds:F0} s more, {run.Elapsed.TotalSeconds:F0} s in all"));
            var phase = $"faulted, {faultedCalls} @ {rate:0.#}/s";
            report?.Add(phase, "settled (recorded or parked) in", settledIn.TotalSeconds, "s");
            report?.Add(phase, "parked before replay", settled.Parked, "count");
            report?.Add(phase, "after replay: recorded", after.Recorded, "count", $"= {faultedCalls}");
            report?.Add(phase, "after replay: duplicates + voids + in flight", after.Duplicates + after.Voids + after.InFlight, "count", "= 0");
        }
    }
}
