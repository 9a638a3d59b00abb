using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Observability;
using Connectors.Core.Storage;
using Connectors.Simulators.Faults;
using Connectors.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Connectors.Benchmarks;

/// <summary>
/// Storage transactions per call, by phase (connect and its prefetch, the knowledge check, the gated read, the baton,
/// the transfer, the wrap-up) and the Durable engine's polling while idle, counted by the clients' own pipeline policy
/// (<see cref="StorageTransactionMeter"/>) against Azurite, with the Azure price per million calls next to each.
/// Phases run one after another over the same calls, so each count is that phase's alone; the engine's idle polling
/// is measured first and taken out of the wrap-up's count. The bench's own status polls (waiting for the prefetch, for
/// a wrap-up to finish) are storage reads through the same clients: they are counted as they are made, priced on
/// finished calls at the end, and taken out, so a slower phase does not read as a dearer one.
/// </summary>
internal static class StorageCostBench
{
    public static async Task RunAsync(string storage, int calls, TimeSpan idleWindow, BenchReport report)
    {
        // The faulted run's retry settings (WrapUpBench), so the faulted wrap-up's counts compare with that run.
        await using var system = await BenchSystem.StartAsync(storage, WrapUpBench.FastRetries);
        using var counted = new MetricCollector<long>(system.Services.GetRequiredService<IMeterFactory>(), ConnectorsTelemetry.MeterName, MetricNames.StorageTransactions);
        var customers = Enumerable.Range(0, calls).Select(_ => system.NewCustomer()).ToList();
        var ids = Enumerable.Range(0, calls).Select(i => $"cost-{i}").ToList();

        // The engine's polling with nothing to do: what a quiet hub costs per hour, whatever the calls.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleBefore = Snapshot(counted);
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(idleWindow);
        var idle = Snapshot(counted).Minus(idleBefore);
        var idlePerSecond = idle.Scale(1 / idleClock.Elapsed.TotalSeconds);
        foreach (var service in StorageCount.Services)
        {
            var perHour = idlePerSecond.Get(StorageTransactionMeter.DurableEngineClient, service) * 3600;
            report.Add("cost: engine idle", $"{service} transactions per hour", perHour, "tx/h");
            report.Add("cost: engine idle", $"{service} USD per month (730 h)", StoragePrices.PerMillionCalls(service, perHour * 730) / 1_000_000, "USD");
        }

        // The bench's own status polls are storage reads too: counted, priced once the phases are over, and taken out.
        var polls = new PollTally();
        var phases = new List<PhaseCount>();
        await PhaseAsync("connect + prefetch", async i =>
        {
            (await system.PostAsync($"api/calls/{ids[i]}/connect", new { platform = "webhook", callerNumber = customers[i].Phone })).Dispose();
            await UntilAsync(async () => !(await SummaryAsync(system, ids[i], polls)).Contains("\"fetchStatus\":\"pending\"", StringComparison.Ordinal));
        });
        await PhaseAsync("knowledge check", async i =>
            (await system.PostAsync($"api/calls/{ids[i]}/auth/knowledge", new { lastFour = customers[i].LastFour, billingZip = customers[i].Zip })).Dispose());
        await PhaseAsync("gated read", async i => (await system.Client.GetAsync($"api/calls/{ids[i]}/account?action=balance")).Dispose());
        await PhaseAsync("baton (10 appends)", async i =>
        {
            for (var turn = 0; turn < 10; turn++)
            {
                using var put = await system.Client.PutAsJsonAsync($"api/calls/{ids[i]}/baton", new { turns = new[] { new { speaker = turn % 2 == 0 ? "caller" : "bot", text = $"Turn {turn}: the charge of 59 dollars on the fifth appears twice." } } });
            }
        });
        await PhaseAsync("transfer", async i =>
            (await system.PostAsync($"api/calls/{ids[i]}/transfer", new { reason = "billing-dispute", target = "billing" })).Dispose());
        await PhaseAsync("wrap-up (end to recorded)", async i =>
        {
            (await system.PostAsync($"api/calls/{ids[i]}/end", new { humanTookCall = false })).Dispose();
            await UntilAsync(async () => await WrapUpStateAsync(system, ids[i], polls) is "recorded" or "parked");
        }, subtractIdle: true);

        // The same wrap-ups under 20 % CRM faults (no outage), all ended at once: what retries cost in engine traffic
        // (timers, re-dispatched activities, longer histories replayed) and in CRM requests, per wrap-up.
        system.Crm.Faults.Profile = new FaultProfile
        {
            ServerErrorRate = 0.05, ThrottleRate = 0.05, DropRate = 0.05, LateAnswerRate = 0.05,
            RetryAfter = TimeSpan.FromSeconds(1), LateAnswerDelay = TimeSpan.FromSeconds(4), Seed = 2026,
        };
        var faulted = Enumerable.Range(0, calls).Select(i => $"cost-faulted-{i}").ToList();
        foreach (var id in faulted)
        {
            (await system.PostAsync($"api/calls/{id}/connect", new { platform = "webhook" })).Dispose();
        }

        var faultedBefore = Snapshot(counted);
        var faultedPolls = polls.Snapshot();
        var faultedCrm = system.Crm.Requests.Count;
        var faultedClock = Stopwatch.StartNew();
        await Task.WhenAll(faulted.Select(async id =>
        {
            (await system.PostAsync($"api/calls/{id}/end", new { humanTookCall = false })).Dispose();
            await UntilAsync(async () => await WrapUpStateAsync(system, id, polls) is "recorded" or "parked");
        }));
        var faultedSpent = Snapshot(counted).Minus(faultedBefore).Minus(idlePerSecond.Scale(faultedClock.Elapsed.TotalSeconds), StorageTransactionMeter.DurableEngineClient);
        phases.Add(new PhaseCount("wrap-up, 20% faults", faultedSpent, polls.Snapshot().Minus(faultedPolls), (system.Crm.Requests.Count - faultedCrm) / (double)calls, SubtractIdle: true, Priced: false));
        system.Crm.Faults.Profile = FaultProfile.None;

        // What one poll of each kind costs, on calls whose wrap-ups are over (nothing else running), net of idle polling.
        var summaryPoll = await PollCostAsync(i => SummaryAsync(system, ids[i % calls], new PollTally()));
        var wrapUpPoll = await PollCostAsync(i => WrapUpStateAsync(system, ids[i % calls], new PollTally()));
        report.Add("cost: the bench's own polls", "table per summary poll (taken out)", summaryPoll.Get(StorageTransactionMeter.AppClient, StorageTransactionMeter.Table), "tx");
        report.Add("cost: the bench's own polls", "table per wrap-up status poll (taken out)", wrapUpPoll.Get(StorageTransactionMeter.AppClient, StorageTransactionMeter.Table) + wrapUpPoll.Get(StorageTransactionMeter.DurableEngineClient, StorageTransactionMeter.Table), "tx");
        foreach (var phase in phases)
        {
            var spent = phase.Spent.Minus(summaryPoll.Scale(phase.Polls.Summary)).Minus(wrapUpPoll.Scale(phase.Polls.WrapUp));
            if (phase.CrmRequestsPerCall > 0)
            {
                report.Add($"cost: {phase.Name}", "CRM requests per call (simulator's log)", phase.CrmRequestsPerCall, "requests");
            }

            foreach (var service in StorageCount.Services)
            {
                var app = spent.Get(StorageTransactionMeter.AppClient, service) / calls;
                var engine = spent.Get(StorageTransactionMeter.DurableEngineClient, service) / calls;
                // Outside the wrap-up the engine only polls, which the idle figure prices once: the phase is the app's.
                var perCall = phase.SubtractIdle ? app + engine : app;
                if (perCall < 0.05)
                {
                    continue;
                }

                report.Add($"cost: {phase.Name}", phase.SubtractIdle ? $"{service} per call (app + engine net of idle)" : $"{service} per call (app)", perCall, "tx");
                if (phase.Priced)
                {
                    report.Add($"cost: {phase.Name}", $"{service} USD per million calls", StoragePrices.PerMillionCalls(service, perCall), "USD");
                }
            }
        }

        async Task<StorageCount> PollCostAsync(Func<int, Task> poll)
        {
            const int Polls = 40;
            var before = Snapshot(counted);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Polls; i++)
            {
                await poll(i);
            }

            return Snapshot(counted).Minus(before).Minus(idlePerSecond.Scale(clock.Elapsed.TotalSeconds), StorageTransactionMeter.DurableEngineClient).Scale(1.0 / Polls);
        }

        async Task PhaseAsync(string phase, Func<int, Task> step, bool subtractIdle = false)
        {
            var before = Snapshot(counted);
            var pollsBefore = polls.Snapshot();
            var crmBefore = system.Crm.Requests.Count;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                await step(i);
            }

            var spent = Snapshot(counted).Minus(before);
            if (subtractIdle)
            {
                spent = spent.Minus(idlePerSecond.Scale(clock.Elapsed.TotalSeconds), StorageTransactionMeter.DurableEngineClient);
            }

            phases.Add(new PhaseCount(phase, spent, polls.Snapshot().Minus(pollsBefore), (system.Crm.Requests.Count - crmBefore) / (double)calls, subtractIdle, Priced: true));
        }
    }

    private static StorageCount Snapshot(MetricCollector<long> counted)
    {
        var count = new StorageCount();
        foreach (var m in counted.GetMeasurementSnapshot())
        {
            count.Add((string)m.Tags[MetricNames.TagStorageClient]!, (string)m.Tags[MetricNames.TagStorageService]!, m.Value);
        }

        return count;
    }

    private static async Task<string> SummaryAsync(BenchSystem system, string id, PollTally polls)
    {
        polls.CountSummary();
        using var response = await system.Client.GetAsync($"api/calls/{id}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string?> WrapUpStateAsync(BenchSystem system, string id, PollTally polls)
    {
        polls.CountWrapUp();
        using var response = await system.Client.GetAsync($"api/calls/{id}/wrapup");
        return response.StatusCode == HttpStatusCode.OK
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()
            : null;
    }

    /// <summary>Polls a condition (every 100 ms) for at most 60 s: a phase that never settles shows as a high count, not a hang.</summary>
    private static Task UntilAsync(Func<Task<bool>> condition) =>
        Wait.WithinAsync(condition, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
}

/// <summary>One phase's storage count (before the bench's polls are taken out), its polls and its CRM requests per call.</summary>
internal sealed record PhaseCount(string Name, StorageCount Spent, PollCounts Polls, double CrmRequestsPerCall, bool SubtractIdle, bool Priced);

/// <summary>How many status polls of each kind the bench made.</summary>
internal readonly record struct PollCounts(int Summary, int WrapUp)
{
    public PollCounts Minus(PollCounts other) => new(Summary - other.Summary, WrapUp - other.WrapUp);
}

/// <summary>Counts the bench's status polls as they are made (from many calls at once).</summary>
internal sealed class PollTally
{
    private int _summary;
    private int _wrapUp;

    public void CountSummary() => Interlocked.Increment(ref _summary);

    public void CountWrapUp() => Interlocked.Increment(ref _wrapUp);

    public PollCounts Snapshot() => new(Volatile.Read(ref _summary), Volatile.Read(ref _wrapUp));
}
