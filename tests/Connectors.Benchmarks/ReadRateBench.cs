using System.Net;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks;

/// <summary>
/// The gated read at steady offered rates against fetch-on-question (what the read would cost if it asked the CRM when
/// the caller asks) at the same rate in the same moments: both driven open-model (<see cref="OpenLoop"/>), the CRM at
/// 200 ms p50 / 2 s p99 / 2 % 503. The reads go round a pool of calls already connected, prefetched and past their
/// knowledge check, so each is "a gated read after the prefetch".
/// </summary>
internal static class ReadRateBench
{
    /// <summary>The rate issue 18's read targets are set at (p99 ≤ 20 ms, ≤ 1/100 of fetch-on-question).</summary>
    private const double TargetRate = 50;

    public static async Task RunAsync(string storage, IReadOnlyList<double> rates, TimeSpan duration, int pool, BenchReport report, LoadGenerator? loadGenerator)
    {
        await using var system = await BenchSystem.StartAsync(storage);
        var crm = system.Services.GetRequiredService<ICrmConnector>();
        var ids = await PrepareAsync(system, pool);
        system.Crm.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromMilliseconds(200), LatencyP99 = TimeSpan.FromSeconds(2), ServerErrorRate = 0.02, Seed = 7 };
        var phones = Enumerable.Range(0, pool).Select(_ => system.NewCustomer().Phone).ToList();

        var answers = new AnswerTally();
        foreach (var rate in rates)
        {
            var reads = OpenLoop.RunAsync(rate, duration, async i =>
            {
                using var read = await system.Client.GetAsync($"api/calls/{ids[i % ids.Count]}/account?action=balance");
                answers.Add($"read @ {rate:0}/s", (int)read.StatusCode, await read.Content.ReadAsStringAsync());
                return read.StatusCode == HttpStatusCode.OK;
            });
            var onQuestion = OpenLoop.RunAsync(rate, duration, async i =>
            {
                try
                {
                    var call = new CrmCallContext($"ask-{rate}-{i}", DryRun: false);
                    var found = await crm.FindByPhoneAsync(PhoneNumber.Parse(phones[i % phones.Count], "1"), call, CancellationToken.None);
                    await crm.GetAccountSnapshotAsync(found[0].AccountId, call, CancellationToken.None);
                    return true;
                }
                catch (CrmUnavailableException)
                {
                    // A failed lookup still cost the caller the wait.
                    return false;
                }
            });
            var (read, asked) = (await reads, await onQuestion);
            var phase = $"read @ {rate:0}/s";
            report.Add(phase, "gated read p50", read.Latencies.Percentile(50), "ms");
            report.Add(phase, "gated read p99", read.Latencies.Percentile(99), "ms", rate == TargetRate ? "<= 20 ms" : null);
            report.Add(phase, "gated read not OK / unfinished / driver late", read.Failed + read.Unfinished + read.StartedLate, "count");
            report.Add(phase, "fetch on question p50", asked.Latencies.Percentile(50), "ms");
            report.Add(phase, "fetch on question p99", asked.Latencies.Percentile(99), "ms");
            report.Add(phase, "ratio p99 gated / on question", read.Latencies.Percentile(99) / asked.Latencies.Percentile(99), "ratio", rate == TargetRate ? "<= 0.01" : null);
        }

        // Every kind of answer the reads got (a degrade or a pending is a fast answer too, and must not pass for a read).
        Console.WriteLine("  answers of the gated reads (endpoint, count, HTTP status and status or problem type):");
        foreach (var line in answers.Lines())
        {
            Console.WriteLine(line);
        }

        if (loadGenerator is not null)
        {
            // The same endpoint from outside the process, by Debian's load generator, on one prepared call, at the target's rate.
            var key = Connectors.Tests.Http.LocalHostServer.ApiKey(system.Services);
            foreach (var rate in rates.Where(r => r == TargetRate))
            {
                var url = new Uri(system.Client.BaseAddress!, $"api/calls/{ids[0]}/account?action=balance");
                var measured = await loadGenerator.RunAsync(url, key, rate, duration);
                var phase = $"read @ {rate:0}/s (hey)";
                report.Add(phase, "gated read p50", measured.Latencies.Percentile(50), "ms");
                report.Add(phase, "gated read p99", measured.Latencies.Percentile(99), "ms", rate == TargetRate ? "<= 20 ms" : null);
                report.Add(phase, "not OK / held a lane back", measured.NotOk + measured.HeldBack, "count");
            }
        }
    }

    private static async Task<List<string>> PrepareAsync(BenchSystem system, int pool)
    {
        var ids = new List<string>();
        for (var i = 0; i < pool; i++)
        {
            var customer = system.NewCustomer();
            var id = $"read-{i}";
            (await system.PostAsync($"api/calls/{id}/connect", new { platform = "webhook", callerNumber = customer.Phone })).Dispose();
            for (var attempt = 0; attempt < 200; attempt++)
            {
                using var check = await system.PostAsync($"api/calls/{id}/auth/knowledge", new { lastFour = customer.LastFour, billingZip = customer.Zip });
                if (check.StatusCode != HttpStatusCode.Conflict)
                {
                    break;
                }

                await Task.Delay(50);
            }

            ids.Add(id);
        }

        return ids;
    }
}
