using Connectors.Core.Baton;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks;

/// <summary>
/// One baton append (redaction, cap, the conditional write) and one read, on a call whose transcript holds 57 KB: in
/// process, one after another, on Azurite. The target is an append p99 of at most 20 ms.
/// </summary>
internal static class BatonAppendBench
{
    public static async Task RunAsync(string storage, int samples, BenchReport report)
    {
        await using var system = await BenchSystem.StartAsync(storage);
        var writer = system.Services.GetRequiredService<BatonWriter>();
        var batons = system.Services.GetRequiredService<BatonStore>();
        var turn = string.Concat(Enumerable.Repeat("The caller says the charge of 59 dollars on the fifth appears twice on the statement. ", 6));

        // Several calls, each grown to 57 KB first, taken in turn: the samples measure a 57 KB baton, not one that keeps
        // growing, and a p99 over many samples is a figure rather than the second-worst of a few.
        var calls = Enumerable.Range(0, Calls).Select(i => $"bench-baton-{i}").ToList();
        var sizes = new List<int>();
        foreach (var call in calls)
        {
            (await system.PostAsync($"api/calls/{call}/connect", new { platform = "webhook", callerNumber = system.NewCustomer().Phone })).Dispose();
            int size;
            while ((size = (await batons.GetAsync(call, CancellationToken.None))?.Turns.Sum(t => t.Text.Length) ?? 0) < 57_000)
            {
                await writer.AppendAsync(call, new BatonAppendRequest([new BatonTurnInput("caller", turn)]), null, CancellationToken.None);
            }

            sizes.Add(size);
        }

        var appends = new Latencies();
        var reads = new Latencies();
        for (var i = 0; i < samples; i++)
        {
            var call = calls[i % calls.Count];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await writer.AppendAsync(call, new BatonAppendRequest([new BatonTurnInput(i % 2 == 0 ? "caller" : "bot", "Yes, the one on the fifth.")]), null, CancellationToken.None);
            appends.Add(clock.Elapsed);
            clock.Restart();
            await batons.GetAsync(call, CancellationToken.None);
            reads.Add(clock.Elapsed);
        }

        var phase = $"baton ({sizes.Min() / 1000.0:F0} KB transcript, {Calls} calls)";
        report.Add(phase, "append p50", appends.Percentile(50), "ms");
        report.Add(phase, "append p99", appends.Percentile(99), "ms", "<= 20 ms");
        report.Add(phase, "appends measured, the calls in turn", appends.Count, "count");
        report.Add(phase, "read p99", reads.Percentile(99), "ms");
    }

    /// <summary>How many 57 KB batons the samples go round.</summary>
    private const int Calls = 5;
}
