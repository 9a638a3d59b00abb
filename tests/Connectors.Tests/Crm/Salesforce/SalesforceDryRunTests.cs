using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Salesforce;
using Connectors.Simulators.Salesforce;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>
/// Dry run at the last layer: the same flow run dry and live against the simulator, with the ledger in
/// Azurite. A dry call reads for real, writes nothing, and its ledger holds exactly what the live call sent.
/// </summary>
public sealed class SalesforceDryRunTests : IAsyncLifetime
{
    private SalesforceSimulator _simulator = null!;
    private SalesforceTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SalesforceSimulator.StartAsync();
        _host = SalesforceTestHost.Start(_simulator);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    /// <summary>What a call does to the CRM: find the caller, read the account, record the wrap-up and its transcript.</summary>
    private static async Task<(DispositionWriteResult Disposition, CrmNoteResult Note)> RunCallAsync(ICrmConnector crm, CrmCallContext call, string callKey)
    {
        var candidate = Assert.Single(await crm.FindByPhoneAsync(PhoneNumber.Parse(SalesforceSeedData.AlicePhone, "1"), call, CancellationToken.None));
        var snapshot = await crm.GetAccountSnapshotAsync(candidate.AccountId, call, CancellationToken.None);
        var disposition = await crm.UpsertDispositionAsync(new DispositionRecord
        {
            CallKey = callKey,
            OutcomeCode = "balance-read",
            Summary = $"Balance of {snapshot!.Balance} {snapshot.Currency} read after the knowledge check.",
            AccountId = snapshot.AccountId,
            ContactId = snapshot.ContactId,
            CallStartedAt = new DateTimeOffset(2026, 11, 21, 14, 5, 0, TimeSpan.Zero),
            DurationSeconds = 95,
        }, call, CancellationToken.None);
        var note = await crm.AddNoteAsync(new CrmNote(callKey, disposition.RecordId, "transcript", "Transcript", "Caller: what is my balance?"), call, CancellationToken.None);
        return (disposition, note);
    }

    [Fact]
    public async Task A_dry_run_call_reads_for_real_writes_nothing_and_ledgers_exactly_what_the_live_call_writes()
    {
        var callKey = "CA-COMPARE-" + Guid.NewGuid().ToString("N")[..8];
        var dryCall = SalesforceTestHost.Dry("call-dry-" + Guid.NewGuid().ToString("N"));
        var tasks = _simulator.Org.Count("Task");
        var notes = _simulator.Org.Count("Call_Note__c");

        var dry = await RunCallAsync(_host.Connector, dryCall, callKey);

        var dryRequests = _simulator.Requests.Where(r => r.Path.StartsWith("/services/data/", StringComparison.Ordinal)).ToList();
        Assert.Contains(dryRequests, r => r.Method == "GET" && r.Path.Contains("/search", StringComparison.Ordinal) && r.Status == 200);
        Assert.Contains(dryRequests, r => r.Method == "GET" && r.Path.Contains("/query", StringComparison.Ordinal) && r.Status == 200);
        Assert.All(dryRequests, r => Assert.Equal("GET", r.Method));
        Assert.Equal(tasks, _simulator.Org.Count("Task"));
        Assert.Equal(notes, _simulator.Org.Count("Call_Note__c"));
        Assert.Equal(DispositionWriteOutcome.Created, dry.Disposition.Outcome);
        Assert.True(SalesforceRecordId.IsValid(dry.Disposition.RecordId));
        Assert.False(dry.Note.AlreadyPresent);

        var ledger = await _host.Ledger.ForCallAsync(dryCall.CallId, CancellationToken.None);
        _simulator.ClearRequests();
        var live = await RunCallAsync(_host.Connector, SalesforceTestHost.Live("call-live-" + Guid.NewGuid().ToString("N")), callKey);
        var liveWrites = _simulator.Requests.Where(r => r.Method != "GET" && r.Path.StartsWith("/services/data/", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, ledger.Count);
        Assert.Equal(2, liveWrites.Count);
        Assert.Equal([IdempotencyKey.For(callKey, "disposition"), IdempotencyKey.For(callKey, "transcript")], ledger.Select(e => e.IdempotencyKey));
        Assert.Equal(["upsert-disposition", "upsert-note"], ledger.Select(e => e.Operation));
        Assert.Equal((liveWrites[0].Method, liveWrites[0].Path, liveWrites[0].Body), (ledger[0].Method, ledger[0].Path, ledger[0].Body));
        Assert.EndsWith("/" + ledger[0].IdempotencyKey, ledger[0].Path, StringComparison.Ordinal);
        Assert.Equal((201, dry.Disposition.RecordId), (ledger[0].SimulatedStatus, ledger[0].SimulatedRecordId));

        // The note names the record the disposition made: the dry run threads its own answer's id where the live call threads the org's.
        Assert.Contains(dry.Disposition.RecordId, ledger[1].Body, StringComparison.Ordinal);
        Assert.Equal(
            (liveWrites[1].Method, liveWrites[1].Path, liveWrites[1].Body),
            (ledger[1].Method, ledger[1].Path, ledger[1].Body!.Replace(dry.Disposition.RecordId, live.Disposition.RecordId, StringComparison.Ordinal)));

        Assert.Equal(2, (await _host.Ledger.ForCallAsync(dryCall.CallId, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Repeated_and_edited_dispositions_come_out_the_same_dry_as_live()
    {
        var callKey = "CA-REPEAT-" + Guid.NewGuid().ToString("N")[..8];
        var record = new DispositionRecord
        {
            CallKey = callKey,
            OutcomeCode = "resolved",
            Summary = "Retried by the workflow.",
            CallStartedAt = new DateTimeOffset(2026, 11, 21, 14, 5, 0, TimeSpan.Zero),
            DurationSeconds = 95,
        };
        var edited = record with { OutcomeCode = "escalated", Summary = "Edited by the agent before confirming." };

        // What a workflow does: write, retry the same write, then the human's edit, then a retry of the edit.
        async Task<List<DispositionWriteResult>> RunAsync(CrmCallContext call)
        {
            var results = new List<DispositionWriteResult>();
            foreach (var disposition in new[] { record, record, edited, edited })
            {
                results.Add(await _host.Connector.UpsertDispositionAsync(disposition, call, CancellationToken.None));
            }

            return results;
        }

        var dryCall = SalesforceTestHost.Dry("call-dry-" + Guid.NewGuid().ToString("N"));
        var dry = await RunAsync(dryCall);
        Assert.DoesNotContain(_simulator.Org.Records("Task"), t => t.Text("CallObject") == callKey);

        // Nothing about the key reached the org: the writes went to the ledger and the follow-up reads were answered from it.
        var key = IdempotencyKey.For(callKey, record.WriteName);
        Assert.DoesNotContain(_simulator.Requests, r => r.Path.Contains(key, StringComparison.Ordinal));
        var live = await RunAsync(SalesforceTestHost.Live("call-live-" + Guid.NewGuid().ToString("N")));

        DispositionWriteOutcome[] expected = [DispositionWriteOutcome.Created, DispositionWriteOutcome.AlreadyPresent, DispositionWriteOutcome.Updated, DispositionWriteOutcome.AlreadyPresent];
        Assert.Equal(expected, live.Select(r => r.Outcome));
        Assert.Equal(expected, dry.Select(r => r.Outcome));
        Assert.Single(dry.Select(r => r.RecordId).Distinct());
        Assert.Single(live.Select(r => r.RecordId).Distinct());
        Assert.Contains(_simulator.Requests, r => r.Method == "GET" && r.Path.Contains(key, StringComparison.Ordinal) && r.Status == 200);
        var ledger = await _host.Ledger.ForCallAsync(dryCall.CallId, CancellationToken.None);
        Assert.Equal(
            [("upsert-disposition", 201), ("upsert-disposition", 400), ("upsert-disposition", 400), ("update-disposition", 200), ("upsert-disposition", 400)],
            ledger.Select(e => (e.Operation, e.SimulatedStatus ?? 0)));
    }
}
