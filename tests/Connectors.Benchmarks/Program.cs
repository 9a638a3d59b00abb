using System.Diagnostics;
using System.Globalization;
using System.Net;
using Connectors.Benchmarks;
using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Azure.Data.Tables;
using Connectors.Core.Storage;
using Connectors.Simulators.Faults;
using Microsoft.Extensions.DependencyInjection;

// Prints the figures the issues' targets are judged by. Ratios are measured in one run (the machine is
// noisy; absolute numbers move, ratios much less). Needs Azurite: scripts/bench.sh starts it.
var storage = Environment.GetEnvironmentVariable("CONNECTORS_TEST_STORAGE")
    ?? throw new InvalidOperationException("CONNECTORS_TEST_STORAGE is not set; run scripts/bench.sh.");
// --quick runs every phase end to end at small sizes (to check the bench itself); the full run takes about 15 minutes
// when the wrap-up keeps its throughput under faults. A number argument sets the dry-run figure's calls.
var quick = args.Contains("--quick");
var calls = WrapUpBenchFlags.Calls(args, quick ? 20 : 200);
if (WrapUpBenchFlags.FaultedOnly(args))
{
    await WrapUpBench.RunFaultedAsync(storage, WrapUpBenchFlags.FaultedCalls(args, WrapUpBenchFlags.DefaultFaultedCalls), WrapUpBenchFlags.FaultedRate(args));
    return;
}


var report = new BenchReport(quick ? "quick: small sizes, figures only check the bench" : "full", BenchReport.LoadAverage());
var bench = Stopwatch.StartNew();

// Each phase's own time is a row of the table: the issue asks for the whole bench in 10 minutes, and the row says where it stands.
async Task TimedAsync(string phase, Func<Task> run)
{
    var clock = Stopwatch.StartNew();
    await run();
    report.Add("bench", $"{phase} phase", clock.Elapsed.TotalSeconds, "s");
}
var steady = quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(60);
var loadGenerator = Environment.GetEnvironmentVariable("CONNECTORS_BENCH_HEY") is { Length: > 0 } hey ? new LoadGenerator(hey) : null;

Console.WriteLine($"Connectors benchmarks ({report.Mode}); load average {report.LoadAverageAtStart:F2}");
// --only cost (or read, baton, wrapup, drain): that phase alone, e.g. to count a change's storage cost before and after it.
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
if (only is null or "cost")
{
    await TimedAsync("cost", () => StorageCostBench.RunAsync(storage, quick ? 5 : 20, quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30), report));
}

if (only is null or "read")
{
    await TimedAsync("read", () => ReadRateBench.RunAsync(storage, [20, 50, 100], steady, quick ? 20 : 200, report, loadGenerator));
}

if (only is null or "baton")
{
    await TimedAsync("baton", () => BatonAppendBench.RunAsync(storage, quick ? 50 : 1000, report));
}

if (only is null or "wrapup")
{
    await TimedAsync("wrap-up", () => WrapUpRateBench.RunAsync(storage, [1, 2, 5], quick ? [8] : [10, 20], quick ? TimeSpan.FromSeconds(10) : steady, report));
}

if (only is "drain")
{
    await WrapUpBench.RunThroughputAsync(storage, quick ? 40 : WrapUpBenchFlags.FullBenchFaultedCalls, report);
}

if (only is not null)
{
    report.PrintTable();
    Console.WriteLine($"JSON: {await report.WriteJsonAsync(Environment.GetEnvironmentVariable("CONNECTORS_BENCH_OUT") ?? Path.Combine(".artifacts", "bench"))}");
    return;
}

await using (var system = await BenchSystem.StartAsync(storage))
{
    var crm = system.Services.GetRequiredService<ICrmConnector>();

    // Dry run costs one ledger write where live costs one CRM round trip.
    system.Crm.Faults.Profile = FaultProfile.None;
    var live = new Latencies();
    var dry = new Latencies();
    for (var i = 0; i < calls; i++)
    {
        foreach (var (dryRun, into) in new[] { (false, live), (true, dry) })
        {
            var record = new DispositionRecord { CallKey = $"bench-wrap-{dryRun}-{i}", OutcomeCode = "resolved", Summary = "Balance enquiry answered.", CallStartedAt = DateTimeOffset.UtcNow };
            var clock = Stopwatch.StartNew();
            await crm.UpsertDispositionAsync(record, new CrmCallContext($"wrap-{dryRun}-{i}", dryRun), CancellationToken.None);
            into.Add(clock.Elapsed);
        }
    }

    Console.WriteLine();
    Console.WriteLine("Disposition upsert (no CRM latency injected)");
    Console.WriteLine($"  live   : {live.Summary()}");
    Console.WriteLine($"  dry run: {dry.Summary()}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio p50 dry / live: {dry.Percentile(50) / live.Percentile(50):F2}"));

    // The Table client on Azurite: the SDK's, as the hosts register it (AddTableStorage), with the prefix applied.
    var tables = system.Services.GetRequiredService<DocumentTableFactory>().GetTableClient("BenchEntities");
    await tables.CreateIfNotExistsAsync(CancellationToken.None);
    var writes = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
    {
        var entity = new TableEntity("bench", i.ToString("D5", CultureInfo.InvariantCulture)) { ["Payload"] = new string('x', 512), ["N"] = i };
        await tables.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    });
    writes.Stop();
    var reads = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        await tables.GetEntityAsync<TableEntity>("bench", i.ToString("D5", CultureInfo.InvariantCulture), cancellationToken: ct));
    reads.Stop();
    var query = Stopwatch.StartNew();
    // The first page by hand: System.Linq.Async (which the Durable Task packages bring) and .NET 10 both define FirstAsync.
    Azure.Page<TableEntity>? page = null;
    await foreach (var first in tables.QueryAsync<TableEntity>(e => e.PartitionKey == "bench", maxPerPage: 1000).AsPages())
    {
        page = first;
        break;
    }

    query.Stop();

    Console.WriteLine();
    Console.WriteLine("Table client (Azure.Data.Tables) on Azurite (8 in flight, 512-character entities)");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  upserts: {1000 / writes.Elapsed.TotalSeconds:F0}/s  point reads: {1000 / reads.Elapsed.TotalSeconds:F0}/s  one 1,000-entity page: {query.Elapsed.TotalMilliseconds:F0} ms ({page?.Values.Count ?? 0} entities)"));
}

// Wrap-up throughput with and without faults, then the faulted run with its outage (--faulted-calls N sizes it;
// the full bench runs 150 to keep the whole bench near 15 minutes; --faulted-only --faulted-calls 2000 or 10000 is issue 14's bar).
await TimedAsync("drain", () => WrapUpBench.RunThroughputAsync(storage, quick ? 40 : WrapUpBenchFlags.FullBenchFaultedCalls, report));
var faultedCalls = quick ? 40 : WrapUpBenchFlags.FaultedCalls(args, WrapUpBenchFlags.FullBenchFaultedCalls);
await TimedAsync("faulted", () => WrapUpBench.RunFaultedAsync(storage, faultedCalls, WrapUpBenchFlags.FaultedRate(args), report));

report.Add("bench", "whole run", bench.Elapsed.TotalSeconds, "s", quick ? null : "< 600 s");
report.PrintTable();
var output = Environment.GetEnvironmentVariable("CONNECTORS_BENCH_OUT") ?? Path.Combine(".artifacts", "bench");
Console.WriteLine($"JSON: {await report.WriteJsonAsync(output)}");
