using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Connectors.Core.Crm;
using Connectors.Core.Observability;
using Connectors.Core.Storage;
using Connectors.Core.WrapUp;
using Connectors.Simulators.Faults;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// A wrap-up that fails anywhere, not only in a CRM step, ends parked (or, when parking itself fails, still open for the
/// sweep), never failed and forgotten; a replay resumes it once, from any state that is not recorded.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WrapUpParkingTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_bug_in_the_load_step_parks_at_once_each_round_keeps_a_small_history_and_a_replay_then_records_the_call_once()
    {
        _ = azurite;
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce);
        await rig.ConnectAsync("wu-bug-1");
        var batons = rig.Host.Services.GetRequiredService<DocumentTableFactory>().GetTableClient("Batons");
        await batons.CreateIfNotExistsAsync();
        await batons.UpsertEntityAsync(new TableEntity("wu-bug-1", "baton") { ["DocChunks"] = 1, ["Doc0"] = "{ this is not a baton" });

        await rig.EndAsync("wu-bug-1");
        var parked = await rig.WaitForStateAsync("wu-bug-1", Patience, "parked");
        Assert.Equal("failed", parked.GetProperty("parkedReason").GetString());
        var row = Assert.Single(await rig.ParkedAsync(), p => p.GetProperty("callId").GetString() == "wu-bug-1");
        Assert.Equal("load", row.GetProperty("step").GetString());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("lastError").GetString()));
        Assert.Equal(1, await ScheduledAsync(rig, "wu-bug-1", nameof(LoadCallActivity)));

        // Three park/replay rounds: each replay (two fired at once) resumes once, in a fresh history.
        var sizes = new List<int>();
        for (var round = 0; round < 3; round++)
        {
            var replayedAt = DateTimeOffset.UtcNow;
            var answers = await Task.WhenAll(ReplayAsync(rig, "wu-bug-1"), ReplayAsync(rig, "wu-bug-1"));
            Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], answers.Order());
            await Wait.UntilAsync(async () => (await rig.ParkedAsync()).Any(p => p.GetProperty("callId").GetString() == "wu-bug-1" && p.GetProperty("parkedAt").GetDateTimeOffset() > replayedAt),
                "the wrap-up parked again after the replay", Patience);
            await Wait.UntilAsync(async () => (await rig.WrapUpAsync("wu-bug-1"))?.GetProperty("state").GetString() == "parked", "the parked state", Patience);
            Assert.Equal(1, await ScheduledAsync(rig, "wu-bug-1", nameof(LoadCallActivity)));
            sizes.Add(await CurrentHistoryRowsAsync(rig, "wu-bug-1"));
        }

        Assert.Equal(3, rig.Counter(MetricNames.WrapUpReplayed));
        Assert.True(sizes.Max() == sizes.Min(), $"the history grew across rounds: {string.Join(", ", sizes)}");

        // The bug is fixed (the bad row is gone): the next replay records the call, once.
        await batons.DeleteEntityAsync("wu-bug-1", "baton");
        Assert.Equal(HttpStatusCode.Accepted, await ReplayAsync(rig, "wu-bug-1"));
        await rig.WaitForStateAsync("wu-bug-1", Patience, "recorded");
        Assert.Equal(1, rig.Dispositions("wu-bug-1"));
        Assert.Empty(await rig.ParkedAsync());
    }

    [Fact]
    public async Task A_terminated_wrap_up_is_started_again_by_one_of_two_replays_at_once_and_recorded_once()
    {
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce);
        await rig.ConnectAsync("wu-term-1");
        rig.Faults.Profile = new FaultProfile { OutageUntil = DateTimeOffset.UtcNow.AddMinutes(5) };
        await rig.EndAsync("wu-term-1");
        var parked = await rig.WaitForStateAsync("wu-term-1", Patience, "parked");
        Assert.Equal("retries-exhausted", parked.GetProperty("parkedReason").GetString());

        var client = rig.Host.Services.GetRequiredService<DurableTaskClient>();
        await client.TerminateInstanceAsync(WrapUpInstance.IdFor("wu-term-1"));
        await Wait.UntilAsync(async () => (await client.GetInstanceAsync(WrapUpInstance.IdFor("wu-term-1")))?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated,
            "the wrap-up terminated", Patience);
        rig.Faults.Profile = FaultProfile.None;

        var answers = await Task.WhenAll(ReplayAsync(rig, "wu-term-1"), ReplayAsync(rig, "wu-term-1"));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], answers.Order());
        await rig.WaitForStateAsync("wu-term-1", Patience, "recorded");
        Assert.Equal(1, rig.Dispositions("wu-term-1"));
        Assert.Equal(1, rig.Counter(MetricNames.WrapUpReplayed));
        Assert.Equal(1, (await rig.Journal.StepCountsAsync("wu-term-1", CancellationToken.None))["upsert"]);
    }

    [Fact]
    public async Task When_parking_itself_fails_the_call_stays_open_and_the_sweep_records_it_with_its_own_outcome()
    {
        var deadTables = new TableServiceClient(new Uri($"http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1"),
            new TableSharedKeyCredential("devstoreaccount1", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="),
            new TableClientOptions { Retry = { MaxRetries = 0 } });
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, new Dictionary<string, string?>
        {
            ["WrapUp:AbandonAfter"] = "00:00:03",
            ["WrapUp:SweepInterval"] = "00:00:01",
            ["Logging:LogLevel:Microsoft.DurableTask"] = "None",
        }, services => services.AddSingleton(sp => new ParkedWrapUpStore(new DocumentTableFactory(deadTables, sp.GetRequiredService<IOptions<StorageOptions>>()))));
        await rig.ConnectAsync("wu-nopark-1");
        rig.Faults.Profile = new FaultProfile { OutageUntil = DateTimeOffset.UtcNow.AddMinutes(5) };
        await rig.EndAsync("wu-nopark-1");

        await Wait.UntilAsync(async () => (await rig.WrapUpAsync("wu-nopark-1"))?.GetProperty("state").GetString() == "failed", "the run to fail at parking", Patience);
        var open = rig.Host.Services.GetRequiredService<OpenCallIndex>();
        Assert.Contains(await open.ListAsync(CancellationToken.None), c => c.CallId == "wu-nopark-1");
        Assert.Equal(0, rig.Dispositions("wu-nopark-1"));

        // The sweep finds the call still open and idle, and starts its wrap-up again at the failed step (not as abandoned).
        rig.Faults.Profile = FaultProfile.None;
        var recorded = (await Wait.ForAsync(() => rig.WrapUpAsync("wu-nopark-1"), s => s?.GetProperty("state").GetString() == "recorded", "the sweep to record the call", Patience))!.Value;

        Assert.Equal(1, rig.Dispositions("wu-nopark-1"));
        Assert.Equal("GENERAL_ENQUIRY", recorded.GetProperty("draft").GetProperty("outcomeCode").GetString());
        Assert.DoesNotContain(await open.ListAsync(CancellationToken.None), c => c.CallId == "wu-nopark-1");
    }

    private static async Task<HttpStatusCode> ReplayAsync(WrapUpRig rig, string callId)
    {
        using var response = await rig.Http.PostAsync($"api/wrapups/{callId}/replay", null);
        return response.StatusCode;
    }

    /// <summary>How often the current execution of the call's wrap-up scheduled <paramref name="activity"/>, from the hub's history table.</summary>
    private static async Task<int> ScheduledAsync(WrapUpRig rig, string callId, string activity) =>
        (await CurrentHistoryAsync(rig, callId)).Count(e => e.GetString("EventType") == "TaskScheduled" && e.GetString("Name") == activity);

    private static async Task<int> CurrentHistoryRowsAsync(WrapUpRig rig, string callId) => (await CurrentHistoryAsync(rig, callId)).Count;

    private static async Task<IReadOnlyList<TableEntity>> CurrentHistoryAsync(WrapUpRig rig, string callId)
    {
        var services = rig.Host.Services;
        var hub = TaskHubContents.HubName(services);
        var tables = new TableServiceClient(services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
        var instanceId = WrapUpInstance.IdFor(callId);
        var instance = await tables.GetTableClient(hub + "Instances").GetEntityAsync<TableEntity>(instanceId, string.Empty);
        var execution = instance.Value.GetString("ExecutionId");
        var rows = new List<TableEntity>();
        await foreach (var row in tables.GetTableClient(hub + "History").QueryAsync<TableEntity>(e => e.PartitionKey == instanceId))
        {
            if (row.GetString("ExecutionId") == execution)
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
