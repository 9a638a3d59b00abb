using System.Collections.Concurrent;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;
using Connectors.Tests;

namespace Connectors.Benchmarks;

/// <summary>
/// The wrap-up at steady offered rates (open model, <see cref="OpenLoop"/>): each call connects and ends at its due
/// time, and its latency runs from that due time to its disposition appearing in the CRM simulator's own records.
/// Then the knee, the first rate whose p99 passes 5 s: probed between the steady rates when they already cross it. The CRM at 200 ms p50 / 1 s p99; the retry settings the faulted
/// run uses (WrapUpBench), so the two runs compare.
/// </summary>
internal static class WrapUpRateBench
{
    private static readonly TimeSpan KneeP99 = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string storage, IReadOnlyList<double> rates, IReadOnlyList<double> kneeRates, TimeSpan duration, BenchReport report)
    {
        await using var system = await BenchSystem.StartAsync(storage, WrapUpBench.FastRetries);
        system.Crm.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromMilliseconds(200), LatencyP99 = TimeSpan.FromSeconds(1), Seed = 11 };
        using var watch = new RecordWatch(system);
        var run = 0;
        async Task<bool> HeldAsync(double rate, TimeSpan runFor)
        {
            // Each rate starts on a drained engine: a probe right after a rate that was not held would measure its backlog.
            await RecordWatch.SettleAsync(system, TimeSpan.FromSeconds(30));
            var step = run++;
            var result = await OpenLoop.RunAsync(rate, runFor, async i =>
            {
                var id = $"wu-rate-{step}-{i}";
                var recorded = watch.For(IdempotencyKey.For(id, "disposition"));
                (await system.PostAsync($"api/calls/{id}/connect", new { platform = "webhook" })).Dispose();
                (await system.PostAsync($"api/calls/{id}/end", new { humanTookCall = false })).Dispose();
                try
                {
                    await recorded.WaitAsync(OpenLoop.Grace);
                    return true;
                }
                catch (TimeoutException)
                {
                    return false;
                }
            });
            var p99 = result.Latencies.Percentile(99);
            var phase = $"wrap-up @ {rate:0.#}/s";
            report.Add(phase, "end -> CRM record p50", result.Latencies.Percentile(50) / 1000, "s", rate == 2 ? "<= 1.5 s" : null);
            report.Add(phase, "end -> CRM record p99", p99 / 1000, "s", rate == 2 ? "<= 5 s" : null);
            report.Add(phase, "wrap-ups recorded per second", result.Throughput, "1/s");
            report.Add(phase, "not recorded / unfinished / driver late", result.Failed + result.Unfinished + result.StartedLate, "count");
            return p99 <= KneeP99.TotalMilliseconds && result.Unfinished == 0;
        }

        // The steady rates, then probes for the knee: between the last rate held and the first one not held when the
        // steady rates already crossed it (whole calls/s, each half as long), else up the knee rates until one is not held.
        double? held = null, knee = null;
        foreach (var rate in rates)
        {
            if (await HeldAsync(rate, duration))
            {
                held = knee is null ? rate : held;
            }
            else
            {
                knee ??= rate;
            }
        }

        var probes = knee is { } above ? Between(held ?? 0, above) : kneeRates;
        foreach (var rate in probes)
        {
            if (!await HeldAsync(rate, duration / 2))
            {
                knee = rate;
                break;
            }

            held = rate;
        }

        // Let the last wrap-ups finish their note and mark-recorded steps before the host stops under them (bounded).
        await RecordWatch.SettleAsync(system, TimeSpan.FromSeconds(30));
        report.Add("wrap-up", "knee: first offered rate with p99 > 5 s", knee ?? double.NaN, "calls/s", knee is null ? $"not reached up to {kneeRates.Concat(rates).Max():0}/s" : null);
        report.Add("wrap-up", "highest offered rate held (p99 <= 5 s)", held ?? double.NaN, "calls/s");
    }

    /// <summary>The whole rates strictly between <paramref name="low"/> and <paramref name="high"/>, ascending.</summary>
    private static IEnumerable<double> Between(double low, double high) =>
        Enumerable.Range((int)Math.Floor(low) + 1, Math.Max(0, (int)Math.Ceiling(high) - (int)Math.Floor(low) - 1)).Select(r => (double)r);

    /// <summary>When each disposition key first appears in the simulator's records (one poller for all calls).</summary>
    private sealed class RecordWatch : IDisposable
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _poller;

        public RecordWatch(BenchSystem system)
        {
            _poller = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    foreach (var key in system.Crm.Org.Records("Task").Select(r => r.Text("CallLog_Key__c")).OfType<string>())
                    {
                        if (_waiting.TryGetValue(key, out var done))
                        {
                            done.TrySetResult();
                        }
                    }

                    await Task.Delay(20);
                }
            });
        }

        /// <summary>Waits, at most <paramref name="patience"/>, until every recorded disposition also has its transcript note.</summary>
        public static Task SettleAsync(BenchSystem system, TimeSpan patience) =>
            Wait.WithinAsync(() => Task.FromResult(system.Crm.Org.Count("Call_Note__c") >= system.Crm.Org.Count("Task")), patience, TimeSpan.FromMilliseconds(100));

        public Task For(string key) => _waiting.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Dispose()
        {
            _stop.Cancel();
            _poller.Wait(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }
    }
}
