using Connectors.Core.Crm;
using Connectors.Core.Crm.Salesforce;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Fakes;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>The keyed writes (disposition, notes) and the screen pop, over HTTP against the simulator.</summary>
public sealed class SalesforceWriteTests : IAsyncLifetime
{
    private SalesforceSimulator _simulator = null!;
    private SalesforceTestHost _host = null!;
    private string _aliceAccount = null!;
    private string _aliceContact = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SalesforceSimulator.StartAsync();
        _host = SalesforceTestHost.Start(_simulator);
        _aliceAccount = _simulator.Org.Records("Account").Single(a => a.Text("Name") == "Alice Johnson").Id;
        _aliceContact = _simulator.Org.Records("Contact").Single(c => c.Text("AccountId") == _aliceAccount).Id;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private ICrmConnector Crm => _host.Connector;

    private DispositionRecord Disposition(string callKey = "CA-0001", string summary = "Caller asked for her balance; read after the knowledge check passed.") => new()
    {
        CallKey = callKey,
        OutcomeCode = "resolved",
        Summary = summary,
        AccountId = _aliceAccount,
        ContactId = _aliceContact,
        CallerE164 = "+14155550101",
        CallStartedAt = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero),
        DurationSeconds = 184,
    };

    private List<SalesforceRecord> TasksWithKey(string key) =>
        _simulator.Org.Records("Task").Where(t => t.Text("CallLog_Key__c") == key).ToList();

    [Fact]
    public async Task A_first_disposition_creates_one_task_logged_as_a_call()
    {
        var result = await Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.Created, result.Outcome);
        Assert.Equal(IdempotencyKey.For("CA-0001", "disposition"), result.IdempotencyKey);
        Assert.True(SalesforceRecordId.IsValid(result.RecordId));
        Assert.StartsWith("00T", result.RecordId, StringComparison.Ordinal);
        var task = Assert.Single(TasksWithKey(result.IdempotencyKey));
        Assert.Equal(result.RecordId, task.Id);
        Assert.Equal("Call", task.Text("TaskSubtype"));
        Assert.Equal("CA-0001", task.Text("CallObject"));
        Assert.Equal("resolved", task.Text("CallDisposition"));
        Assert.Equal("Completed", task.Text("Status"));
        Assert.Equal("Call: resolved", task.Text("Subject"));
        Assert.Equal(184m, task["CallDurationInSeconds"]);
        Assert.Equal(new DateOnly(2026, 11, 21), task["ActivityDate"]);
        Assert.Equal(_aliceContact, task.Text("WhoId"));
        Assert.Equal(_aliceAccount, task.Text("WhatId"));
        Assert.StartsWith("Caller asked", task.Text("Description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_the_same_disposition_again_is_already_present_and_writes_nothing_new()
    {
        var first = await Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.ClearRequests();

        var again = await Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.AlreadyPresent, again.Outcome);
        Assert.Equal(first.RecordId, again.RecordId);
        Assert.Single(TasksWithKey(first.IdempotencyKey));
        // The repeat is refused for the create-only TaskSubtype, read back, found equal: one PATCH, one GET.
        Assert.Equal([("PATCH", 400), ("GET", 200)], _simulator.Requests.Select(r => (r.Method, r.Status)));
    }

    [Fact]
    public async Task A_changed_disposition_updates_the_same_record_and_keeps_it_a_call()
    {
        var first = await Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None);

        var edited = await Crm.UpsertDispositionAsync(Disposition(summary: "Edited by the agent: balance read, card reissued."), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.Updated, edited.Outcome);
        Assert.Equal(first.RecordId, edited.RecordId);
        var task = Assert.Single(TasksWithKey(first.IdempotencyKey));
        Assert.Equal("Edited by the agent: balance read, card reissued.", task.Text("Description"));
        Assert.Equal("Call", task.Text("TaskSubtype"));
        Assert.Equal(200, _simulator.Requests.Last().Status);
        Assert.DoesNotContain("TaskSubtype", _simulator.Requests.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_answered_204_as_before_v46_still_yields_the_record_id()
    {
        var first = await Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.Settings.LegacyUpdateAnswers = true;

        var edited = await Crm.UpsertDispositionAsync(Disposition(summary: "Changed"), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.Updated, edited.Outcome);
        Assert.Equal(first.RecordId, edited.RecordId);
        Assert.Equal(204, _simulator.Requests.Last().Status);
        Assert.Equal("Changed", Assert.Single(TasksWithKey(first.IdempotencyKey)).Text("Description"));
    }

    [Fact]
    public async Task Several_records_sharing_the_key_is_a_permanent_data_error_and_is_not_retried()
    {
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?> { ["Salesforce:DispositionExternalIdField"] = "Legacy_Call_Id__c" });
        var key = IdempotencyKey.For("CA-0300", "disposition");
        for (var i = 0; i < 2; i++)
        {
            _simulator.Org.Insert("Task", new Dictionary<string, object?> { ["Subject"] = "Imported twice", ["Status"] = "Completed", ["Legacy_Call_Id__c"] = key });
        }

        var tasks = _simulator.Org.Count("Task");

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            host.Connector.UpsertDispositionAsync(Disposition("CA-0300"), SalesforceTestHost.Live(), CancellationToken.None));

        Assert.Equal(300, refused.Status);
        Assert.Equal(SalesforceErrorCodes.MultipleRecordsShareKey, refused.ErrorCode);
        Assert.Equal(tasks, _simulator.Org.Count("Task"));
        Assert.Single(_simulator.Requests, r => r.Method == "PATCH");
        Assert.Contains(host.Logs.GetSnapshot(), e => e.Everything().Contains("share one Legacy_Call_Id__c value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_external_id_field_is_rejected_as_not_found_without_a_retry()
    {
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?> { ["Salesforce:DispositionExternalIdField"] = "No_Such_Key__c" });

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            host.Connector.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None));

        Assert.Equal(404, refused.Status);
        Assert.Equal(SalesforceErrorCodes.NotFound, refused.ErrorCode);
        Assert.Single(_simulator.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task A_create_blocked_by_an_active_duplicate_rule_is_a_permanent_rejection()
    {
        _simulator.Settings.DuplicateRuleObjects = ["Task"];

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() => Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None));

        Assert.Equal((400, "DUPLICATES_DETECTED"), (refused.Status, refused.ErrorCode));
        Assert.Single(_simulator.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task A_locked_row_is_retried_and_the_write_lands_once()
    {
        _simulator.LockNextUpserts(2);

        var result = await Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.Created, result.Outcome);
        Assert.Single(TasksWithKey(result.IdempotencyKey));
        Assert.Equal([400, 400, 201], _simulator.Requests.Where(r => r.Method == "PATCH").Select(r => r.Status));
    }

    [Fact]
    public async Task A_concurrent_request_limit_answer_is_waited_out_and_retried()
    {
        _simulator.ScriptWriteFaults(FaultKind.Throttle);

        var result = await Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.Created, result.Outcome);
        Assert.Equal([403, 201], _simulator.Requests.Where(r => r.Method == "PATCH").Select(r => r.Status));
    }

    [Fact]
    public async Task A_write_that_commits_but_answers_after_the_timeout_is_retried_into_the_same_single_record()
    {
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?> { ["Salesforce:Resilience:AttemptTimeout"] = "00:00:00.500" });
        _simulator.Faults.Profile = FaultProfile.None with { LateAnswerDelay = TimeSpan.FromSeconds(2) };
        _simulator.ScriptWriteFaults(FaultKind.LateAnswer);

        var result = await host.Connector.UpsertDispositionAsync(Disposition("CA-SEED-INCIDENT"), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Contains(result.Outcome, new[] { DispositionWriteOutcome.AlreadyPresent, DispositionWriteOutcome.Updated });
        var task = Assert.Single(TasksWithKey(result.IdempotencyKey));
        Assert.Equal(task.Id, result.RecordId);
        await Wait.UntilAsync(() => _simulator.Requests.Any(r => r.Fault == nameof(FaultKind.LateAnswer)), "the late answer to be logged");
        var late = Assert.Single(_simulator.Requests, r => r.Fault == nameof(FaultKind.LateAnswer));
        Assert.Equal(201, late.Status);
    }

    [Fact]
    public async Task A_note_is_added_to_the_record_once_however_often_it_is_sent()
    {
        var task = await Crm.UpsertDispositionAsync(Disposition(), SalesforceTestHost.Live(), CancellationToken.None);
        var note = new CrmNote("CA-0001", task.RecordId, "transcript", "Call transcript", "Agent: how can I help?\nCaller: my balance, please.");

        var first = await Crm.AddNoteAsync(note, SalesforceTestHost.Live(), CancellationToken.None);
        var again = await Crm.AddNoteAsync(note, SalesforceTestHost.Live(), CancellationToken.None);

        Assert.False(first.AlreadyPresent);
        Assert.True(again.AlreadyPresent);
        Assert.Equal(first.NoteId, again.NoteId);
        var stored = Assert.Single(_simulator.Org.Records("Call_Note__c"));
        Assert.Equal(first.NoteId, stored.Id);
        Assert.Equal(task.RecordId, stored.Text("Related_Record_Id__c"));
        Assert.Equal(note.Body, stored.Text("Body__c"));
        Assert.Equal(IdempotencyKey.For("CA-0001", "transcript"), stored.Text("Note_Key__c"));
    }

    [Fact]
    public async Task A_pop_answers_the_records_lightning_url_without_pushing_anything()
    {
        var result = await Crm.PopRecordAsync(new ScreenPopRequest("agent-7", "Account", _aliceAccount), SalesforceTestHost.Live(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal(new Uri(_simulator.BaseAddress, $"lightning/r/Account/{_aliceAccount}/view").AbsoluteUri, result.Url);
        Assert.Empty(_simulator.Requests);
    }

    [Fact]
    public async Task A_pop_of_a_malformed_id_is_refused()
    {
        await Assert.ThrowsAsync<CrmRejectedException>(() =>
            Crm.PopRecordAsync(new ScreenPopRequest("agent-7", "Account", "001'); DROP"), SalesforceTestHost.Live(), CancellationToken.None));
    }
}
