using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
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

    public static async Task RunAsync(string storage, int calls, int faultedCalls)
    {
        // The burst figure (ends fired 4 at a time) measured the queue, not the wrap-up: WrapUpRateBench's steady rates replace it.
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
