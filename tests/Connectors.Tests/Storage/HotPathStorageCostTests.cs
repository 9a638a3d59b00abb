using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Connectors.Core.Baton;
using Connectors.Core.Observability;
using Connectors.Core.Storage;
using Connectors.Tests.Calls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Connectors.Tests.Storage;

/// <summary>
/// What the hot paths cost in storage round trips, counted by the app's own storage clients
/// (<see cref="StorageTransactionMeter"/>) against Azurite, over real HTTP: a round trip is latency on the call and a
/// billed transaction in Azure, so these counts are pinned here while their milliseconds live in scripts/bench.sh.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HotPathStorageCostTests
{
    private const string Caller = "+14155552671";

    // No periodic sweep runs during a test (their first tick is a day away), so every counted request is the request's own.
    // The request journal's batched flush is off the request's path (and a day away here); its cost is the bench's.
    private static readonly Dictionary<string, string?> NoSweeps = new()
    {
        ["Replay:JournalFlushInterval"] = "1.00:00:00",
        ["Baton:SweepInterval"] = "1.00:00:00",
        ["WrapUp:SweepInterval"] = "1.00:00:00",
        ["DurableTask:PurgeInterval"] = "1.00:00:00",
    };

    [Fact]
    public async Task A_gated_read_after_the_prefetch_and_the_knowledge_check_costs_one_storage_round_trip()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm, NoSweeps);
        using var transactions = AppTransactions(host.Services);
        (await host.ConnectAsync("cost-read", Caller)).Dispose();
        await host.WaitForFetchAsync("cost-read");
        using (var check = await host.Client.PostAsJsonAsync("api/calls/cost-read/auth/knowledge", new { lastFour = "4242", billingZip = "94105" }))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        var before = Count(transactions);
        using var read = await host.ReadAsync("cost-read", "balance");
        var cost = Count(transactions) - before;

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("120.5", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(cost == 1, $"the gated read cost {cost} storage round trips; one is the most it may cost (and the least: the answer is checked against the store)");
        var events = (await host.SummaryAsync("cost-read")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("account-read", events);
    }

    [Fact]
    public async Task A_baton_append_to_a_call_costs_at_most_two_storage_round_trips()
    {
        var crm = new ScriptedCrmConnector();
        await using var host = await ScreenPopHost.StartAsync(crm, NoSweeps);
        using var transactions = AppTransactions(host.Services);
        (await host.ConnectAsync("cost-baton", callerNumber: null)).Dispose();
        using (var first = await host.Client.PutAsJsonAsync("api/calls/cost-baton/baton", new { turns = new[] { new { speaker = "caller", text = "I was charged twice." } } }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var costs = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var before = Count(transactions);
            using var append = await host.Client.PutAsJsonAsync("api/calls/cost-baton/baton", new { turns = new[] { new { speaker = "bot", text = $"Let me look at that, turn {i}." } } });
            Assert.Equal(HttpStatusCode.OK, append.StatusCode);
            costs.Add(Count(transactions) - before);
        }

        Assert.All(costs, cost => Assert.True(cost is >= 1 and <= 2, $"appends cost {string.Join(", ", costs)} storage round trips; at most 2 each"));
        var baton = await host.Services.GetRequiredService<BatonStore>().GetAsync("cost-baton", CancellationToken.None);
        Assert.Equal(4, baton!.Turns.Count);
    }

    private static MetricCollector<long> AppTransactions(IServiceProvider services) =>
        new(services.GetRequiredService<IMeterFactory>(), ConnectorsTelemetry.MeterName, MetricNames.StorageTransactions);

    /// <summary>Requests the app's own clients sent so far (the Durable engine's polling is not the request's).</summary>
    private static long Count(MetricCollector<long> transactions) =>
        transactions.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags[MetricNames.TagStorageClient], StorageTransactionMeter.AppClient))
            .Sum(m => m.Value);
}
