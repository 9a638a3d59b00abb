using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Salesforce;
using Connectors.Simulators.Salesforce;
using Microsoft.AspNetCore.Http.HttpResults;

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

        var response = await DryRunLedgerEndpoint.HandleAsync(dryCall.CallId, _host.Ledger, CancellationToken.None);
        var ok = Assert.IsType<Ok<DryRunLedgerResponse>>(response);
        Assert.Equal(2, ok.Value!.Entries.Count);
    }

    [Fact]
    public async Task A_repeated_dry_run_write_is_answered_as_the_api_answers_a_repeat_with_the_same_id()
    {
        var call = SalesforceTestHost.Dry("call-dry-" + Guid.NewGuid().ToString("N"));
        var record = new DispositionRecord
        {
            CallKey = "CA-DRY-REPEAT-" + Guid.NewGuid().ToString("N")[..8],
            OutcomeCode = "resolved",
            Summary = "Retried by the workflow.",
            CallStartedAt = new DateTimeOffset(2026, 11, 21, 14, 5, 0, TimeSpan.Zero),
        };

        var first = await _host.Connector.UpsertDispositionAsync(record, call, CancellationToken.None);
        var again = await _host.Connector.UpsertDispositionAsync(record, call, CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.Created, first.Outcome);
        Assert.Equal(first.RecordId, again.RecordId);
        Assert.NotEqual(DispositionWriteOutcome.Created, again.Outcome);
        var ledger = await _host.Ledger.ForCallAsync(call.CallId, CancellationToken.None);
        Assert.Equal([201, 400, 200], ledger.Select(e => e.SimulatedStatus ?? 0));
        Assert.DoesNotContain(_simulator.Requests, r => r.Method == "PATCH");
        Assert.DoesNotContain(_simulator.Org.Records("Task"), t => t.Text("CallObject") == record.CallKey);
    }
}
