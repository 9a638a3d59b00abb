using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;

namespace Connectors.Benchmarks;

/// <summary>
/// The wrap-up's figures: call end → CRM record p50/p99 with the CRM at 200 ms p50, sustained wrap-ups per second,
/// and a faulted run (20% faults of every kind and an outage past the retry deadline) counting duplicates, voids
/// and parked wrap-ups from the simulator's own records.
/// </summary>
internal static class WrapUpBench
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["WrapUp:FirstRetryInterval"] = "00:00:01",
        ["WrapUp:MaxRetryInterval"] = "00:00:04",
        ["WrapUp:RetryDeadline"] = "00:00:20",
        ["Salesforce:Resilience:AttemptTimeout"] = "00:00:02",
        ["Salesforce:Resilience:TotalTimeout"] = "00:00:06",
        ["Salesforce:Resilience:BreakDuration"] = "00:00:03",
        ["Salesforce:Resilience:MaxConcurrentRequests"] = "32",
    };

    public static async Task RunAsync(string storage, int calls, int faultedCalls)
    {
        await using (var system = await BenchSystem.StartAsync(storage, FastRetries))
        {
            system.Crm.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromMilliseconds(200), LatencyP99 = TimeSpan.FromSeconds(1), Seed = 11 };
            var ids = Enumerable.Range(0, calls).Select(i => $"wu-bench-{i}").ToList();
            foreach (var id in ids)
            {
                (await system.PostAsync($"api/calls/{id}/connect", new { platform = "webhook" })).Dispose();
            }

            // End → record, measured at the simulator: the time the disposition record appears after the end was accepted.
            var latencies = new Latencies();
            var ended = new Dictionary<string, (Stopwatch Clock, string Key)>(StringComparer.Ordinal);
            var run = Stopwatch.StartNew();
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, ct) =>
            {
                var clock = Stopwatch.StartNew();
                (await system.PostAsync($"api/calls/{id}/end", new { humanTookCall = false })).Dispose();
                lock (ended)
                {
                    ended[id] = (clock, IdempotencyKey.For(id, "disposition"));
                }
            });
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (ended.Count > 0 && DateTime.UtcNow < deadline)
            {
                var present = system.Crm.Org.Records("Task").Select(r => r.Text("CallLog_Key__c")).ToHashSet(StringComparer.Ordinal);
                foreach (var (id, (clock, key)) in ended.ToList())
                {
                    if (present.Contains(key))
                    {
                        latencies.Add(clock.Elapsed);
                        ended.Remove(id);
                    }
                }

                await Task.Delay(20);
            }

            run.Stop();
            Console.WriteLine();
            Console.WriteLine($"Wrap-up (CRM at 200 ms p50), {calls} calls ended 4 at a time");
            Console.WriteLine($"  call end -> CRM record: {latencies.Summary()}  (targets p50 <= 1.5 s, p99 <= 5 s; {ended.Count} not recorded in 5 min)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sustained: {calls / run.Elapsed.TotalSeconds:F1} wrap-ups/s (target >= 5/s)"));
        }

        await using (var system = await BenchSystem.StartAsync(storage, FastRetries))
        {
            var faults = new FaultProfile
            {
                ServerErrorRate = 0.05, ThrottleRate = 0.05, DropRate = 0.05, LateAnswerRate = 0.05,
                RetryAfter = TimeSpan.FromSeconds(1), LateAnswerDelay = TimeSpan.FromSeconds(4), Seed = 2026,
            };
            system.Crm.Faults.Profile = faults;
            var ids = Enumerable.Range(0, faultedCalls).Select(i => $"wu-fault-{i}").ToList();
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

            var states = await SettleAsync(system, ids, TimeSpan.FromMinutes(10));
            run.Stop();
            var keys = system.Crm.Org.Records("Task").GroupBy(r => r.Text("CallLog_Key__c") ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var duplicates = keys.Values.Sum(n => Math.Max(0, n - 1));
            var parked = states.Count(s => s.Value == "parked");
            var voids = ids.Count(id => states[id] != "parked" && !keys.ContainsKey(IdempotencyKey.For(id, "disposition")));
            Console.WriteLine();
            Console.WriteLine($"Faulted wrap-up run: {faultedCalls} calls, 20% faults (503, 429, resets, commit-then-timeout), a 40 s outage midway");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  recorded {states.Count(s => s.Value == "recorded")}, parked {parked}, duplicates {duplicates}, voids {voids}, in {run.Elapsed.TotalSeconds:F0} s"));
            system.Crm.Faults.Profile = FaultProfile.None;
            foreach (var id in ids.Where(id => states[id] == "parked"))
            {
                (await system.Client.PostAsync($"api/wrapups/{id}/replay", null)).Dispose();
            }

            var after = await SettleAsync(system, ids, TimeSpan.FromMinutes(5));
            var afterKeys = system.Crm.Org.Records("Task").GroupBy(r => r.Text("CallLog_Key__c") ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  after replay: recorded {after.Count(s => s.Value == "recorded")}, duplicates {afterKeys.Values.Sum(n => Math.Max(0, n - 1))}, voids {ids.Count(id => !afterKeys.ContainsKey(IdempotencyKey.For(id, "disposition")))}"));
        }
    }

    private static async Task<Dictionary<string, string>> SettleAsync(BenchSystem system, IReadOnlyList<string> ids, TimeSpan patience)
    {
        var states = ids.ToDictionary(id => id, _ => "unknown", StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline && states.Values.Any(s => s is not ("recorded" or "parked")))
        {
            foreach (var id in ids.Where(id => states[id] is not ("recorded" or "parked")))
            {
                using var response = await system.Client.GetAsync($"api/calls/{id}/wrapup");
                states[id] = response.IsSuccessStatusCode
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() ?? "none"
                    : "none";
            }

            await Task.Delay(500);
        }

        return states;
    }
}
