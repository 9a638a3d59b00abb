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
        const string call = "bench-baton";
        (await system.PostAsync($"api/calls/{call}/connect", new { platform = "webhook", callerNumber = system.NewCustomer().Phone })).Dispose();
        var writer = system.Services.GetRequiredService<BatonWriter>();
        var batons = system.Services.GetRequiredService<BatonStore>();
        var turn = string.Concat(Enumerable.Repeat("The caller says the charge of 59 dollars on the fifth appears twice on the statement. ", 6));
        while ((await batons.GetAsync(call, CancellationToken.None))?.Turns.Sum(t => t.Text.Length) is null or < 57_000)
        {
            await writer.AppendAsync(call, new BatonAppendRequest([new BatonTurnInput("caller", turn)]), null, CancellationToken.None);
        }

        var appends = new Latencies();
        var reads = new Latencies();
        for (var i = 0; i < samples; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await writer.AppendAsync(call, new BatonAppendRequest([new BatonTurnInput(i % 2 == 0 ? "caller" : "bot", "Yes, the one on the fifth.")]), null, CancellationToken.None);
            appends.Add(clock.Elapsed);
            clock.Restart();
            await batons.GetAsync(call, CancellationToken.None);
            reads.Add(clock.Elapsed);
        }

        var size = (await batons.GetAsync(call, CancellationToken.None))!.Turns.Sum(t => t.Text.Length);
        var phase = $"baton ({size / 1000.0:F0} KB transcript)";
        report.Add(phase, "append p50", appends.Percentile(50), "ms");
        report.Add(phase, "append p99", appends.Percentile(99), "ms", "<= 20 ms");
        report.Add(phase, "read p99", reads.Percentile(99), "ms");
    }
}
