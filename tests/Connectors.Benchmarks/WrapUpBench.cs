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
    /// The faulted run (the burst figure it once followed measured the queue, not the wrap-up: WrapUpRateBench's steady
    /// rates replace it): <paramref name="faultedCalls"/> calls through 20% faults and a 40 s outage midway,
    /// counted when everything has settled (recorded or parked; in-flight calls apart), then again after the
    /// parked ones are replayed with the CRM healthy. Counts come from the simulator's records keyed by the run's
    /// own calls and the parked list.
    /// </summary>
    public static async Task RunFaultedAsync(string storage, int faultedCalls)
    {
        await using (var system = await BenchSystem.StartAsync(storage, FastRetries))
        {
            var faults = new FaultProfile
            {
                ServerErrorRate = 0.05, ThrottleRate = 0.05, DropRate = 0.05, LateAnswerRate = 0.05,
                RetryAfter = TimeSpan.FromSeconds(1), LateAnswerDelay = TimeSpan.FromSeconds(4), Seed = 2026,
            };
            system.Crm.Faults.Profile = faults;
            var ids = Enumerable.Range(0, faultedCalls).Select(i => $"wu-fault-{i}").ToList();
            var patience = TimeSpan.FromMinutes(Math.Max(15, faultedCalls / 200));
            var run = Stopwatch.StartNew();
            await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (call, ct) =>
            {
                if (call.i == faultedCalls / 2)
                {
                    system.Crm.Faults.Profile = faults with { OutageUntil = DateTimeOffset.UtcNow.AddSeconds(40) };
                }

                (await system.PostAsync($"api/calls/{call.id}/connect", new { platform = "webhook" })).Dispose();
                (await system.PostAsync($"api/calls/{call.id}/end", new { humanTookCall = false })).Dispose();
            });

            var settled = await WrapUpSettle.SettleAsync(system, ids, parkedSince: null, patience);
            var settledIn = run.Elapsed;
            Console.WriteLine();
            Console.WriteLine($"Faulted wrap-up run: {faultedCalls} calls, 20% faults (503, 429, resets, commit-then-timeout), a 40 s outage midway");
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
        }
    }
}
