using System.Net.Http.Json;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.WrapUp;

/// <summary>A host stopped (not killed) with wrap-ups in flight: a quiet stop, and the next host finishes every call once.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class WrapUpStopTests(AzuriteFixture azurite)
{
    private const int Calls = 12;

    [Fact]
    public async Task Stopping_a_host_mid_wrap_up_logs_no_error_and_the_next_host_records_each_call_once()
    {
        await using var salesforce = await SalesforceSimulator.StartAsync();
        var settings = WrapUpRig.FastSettings();
        foreach (var (key, value) in WrapUpRig.SalesforceSettings(salesforce))
        {
            settings[key] = value;
        }

        settings["Storage:ConnectionString"] = azurite.ConnectionString;
        settings["Storage:TablePrefix"] = AzuriteStorage.NewTablePrefix("stop");
        settings["DurableTask:WorkerId"] = "stop-test-worker";
        settings["Salesforce:Resilience:AttemptTimeout"] = "00:00:05";
        settings["Salesforce:Resilience:TotalTimeout"] = "00:00:06";
        salesforce.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromMilliseconds(800), LatencyP99 = TimeSpan.FromMilliseconds(1500), Seed = 5 };
        var ids = Enumerable.Range(0, Calls).Select(i => $"stop-{i:D2}").ToList();
        var keyOf = new Func<string, string>(id => IdempotencyKey.For(id, "disposition"));
        int Dispositions(string id) => salesforce.Org.Records("Task").Count(r => r.Text("CallLog_Key__c") == keyOf(id));

        var first = await LocalHostServer.StartAsync(settings, services => services.AddLogging(b => b.AddFakeLogging()));
        var logs = first.Services.GetRequiredService<FakeLogCollector>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (id, ct) =>
        {
            (await first.Client.PostAsJsonAsync($"api/calls/{id}/connect", new { platform = "webhook" }, ct)).EnsureSuccessStatusCode();
            (await first.Client.PostAsJsonAsync($"api/calls/{id}/end", new { humanTookCall = false }, ct)).EnsureSuccessStatusCode();
        });
        await Wait.UntilAsync(() => ids.Any(id => Dispositions(id) > 0), "a first disposition before the stop", TimeSpan.FromSeconds(60));
        var before = ids.Count(id => Dispositions(id) > 0);

        await first.DisposeAsync();

        var errors = logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).Select(r => $"{r.Category}: {r.Message} {r.Exception?.GetType().Name}").ToList();
        Assert.True(errors.Count == 0, "the stop logged errors:\n" + string.Join('\n', errors));
        Assert.True(before < Calls, "every wrap-up had finished before the stop; nothing was in flight");

        salesforce.Faults.Profile = FaultProfile.None;
        await using var second = await LocalHostServer.StartAsync(settings);
        await Wait.UntilAsync(() => ids.All(id => Dispositions(id) > 0), "every call recorded by the next host", TimeSpan.FromSeconds(120));
        Assert.All(ids, id => Assert.Equal(1, Dispositions(id)));
    }
}
