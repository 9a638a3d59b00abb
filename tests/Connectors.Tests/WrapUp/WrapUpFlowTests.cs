using System.Net;
using System.Net.Http.Json;
using Connectors.Core.Crm;
using Connectors.Core.Observability;
using Connectors.Core.WrapUp;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;

namespace Connectors.Tests.WrapUp;

/// <summary>The wrap-up over HTTP through LocalHost on the real Durable Task engine: start once, draft, confirm, edit, time out, dry run.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class WrapUpFlowTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_ended_call_is_recorded_once_in_the_crm_and_a_repeated_end_starts_nothing()
    {
        _ = azurite;
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce);
        await rig.ConnectAsync("wu-once-1");

        var first = await rig.EndAsync("wu-once-1");
        var second = await rig.EndAsync("wu-once-1");

        Assert.True(first.GetProperty("started").GetBoolean());
        Assert.False(second.GetProperty("started").GetBoolean());
        var status = await rig.WaitForStateAsync("wu-once-1", Patience, "recorded");
        Assert.Equal(1, rig.Dispositions("wu-once-1"));
        Assert.False(string.IsNullOrEmpty(status.GetProperty("recordId").GetString()));
        Assert.Equal(DispositionDraft.NotRequired, status.GetProperty("draft").GetProperty("confirmation").GetString());
        Assert.Equal(["load", "draft", "upsert", "note", "recorded"], status.GetProperty("stepsDone").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, rig.Counter(MetricNames.WrapUpDispositions));
        Assert.Equal(1, rig.Counter(MetricNames.CallsCompleted));

        // Ending it again after it recorded starts nothing either (Completed is a dedupe status).
        var third = await rig.EndAsync("wu-once-1");
        Assert.False(third.GetProperty("started").GetBoolean());
        Assert.Equal(1, rig.Dispositions("wu-once-1"));
    }

    [Fact]
    public async Task A_human_confirms_the_draft_and_it_is_recorded_as_confirmed_without_an_edit()
    {
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, new Dictionary<string, string?> { ["WrapUp:ConfirmationTimeout"] = "00:05:00" });
        await rig.ConnectAsync("wu-confirm-1");
        await rig.EndAsync("wu-confirm-1", humanTookCall: true);
        var waiting = await rig.WaitForStateAsync("wu-confirm-1", Patience, "waiting-for-human");
        Assert.Equal("after-call-work", waiting.GetProperty("agentState").GetString());
        var draft = waiting.GetProperty("draft");

        using var confirm = await rig.Http.PostAsJsonAsync("api/calls/wu-confirm-1/disposition",
            new { outcomeCode = draft.GetProperty("outcomeCode").GetString(), summary = draft.GetProperty("summary").GetString() });
        Assert.Equal(HttpStatusCode.Accepted, confirm.StatusCode);

        var recorded = await rig.WaitForStateAsync("wu-confirm-1", Patience, "recorded");
        Assert.Equal(DispositionDraft.Confirmed, recorded.GetProperty("draft").GetProperty("confirmation").GetString());
        Assert.Equal("available", recorded.GetProperty("agentState").GetString());
        Assert.Equal(1, rig.Dispositions("wu-confirm-1"));
        Assert.Equal(0, rig.Counter(MetricNames.WrapUpEdits));
    }

    [Fact]
    public async Task A_human_edit_is_what_the_crm_records_and_the_edit_rate_counts_it()
    {
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, new Dictionary<string, string?> { ["WrapUp:ConfirmationTimeout"] = "00:05:00" });
        await rig.ConnectAsync("wu-edit-1");
        await rig.EndAsync("wu-edit-1", humanTookCall: true);
        await rig.WaitForStateAsync("wu-edit-1", Patience, "waiting-for-human");

        using var bad = await rig.Http.PostAsJsonAsync("api/calls/wu-edit-1/disposition", new { outcomeCode = "NOT_A_CODE", summary = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var edit = await rig.Http.PostAsJsonAsync("api/calls/wu-edit-1/disposition", new { outcomeCode = "ADDRESS_CHANGE", summary = "Caller moved house; address updated." });
        Assert.Equal(HttpStatusCode.Accepted, edit.StatusCode);

        var recorded = await rig.WaitForStateAsync("wu-edit-1", Patience, "recorded");
        Assert.Equal(DispositionDraft.Edited, recorded.GetProperty("draft").GetProperty("confirmation").GetString());
        var task = Assert.Single(rig.Salesforce!.Org.Records("Task"), r => r.Text("CallLog_Key__c") == IdempotencyKey.For("wu-edit-1", "disposition"));
        Assert.Equal("ADDRESS_CHANGE", task.Text("CallDisposition"));
        Assert.Equal("Caller moved house; address updated.", task.Text("Description"));
        Assert.Equal(1, rig.Counter(MetricNames.WrapUpEdits));
        Assert.Equal(1, rig.Counter(MetricNames.WrapUpDispositions));
    }

    [Fact]
    public async Task With_no_answer_from_the_human_the_draft_is_committed_unconfirmed_and_a_late_edit_updates_the_same_record_marked_late()
    {
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Zendesk);
        await rig.ConnectAsync("wu-timeout-1");
        await rig.EndAsync("wu-timeout-1", humanTookCall: true);

        var recorded = await rig.WaitForStateAsync("wu-timeout-1", Patience, "recorded");

        Assert.Equal(DispositionDraft.Unconfirmed, recorded.GetProperty("draft").GetProperty("confirmation").GetString());
        Assert.Equal("TRANSFERRED_UNRESOLVED", recorded.GetProperty("draft").GetProperty("outcomeCode").GetString());
        Assert.Equal(1, rig.Dispositions("wu-timeout-1"));
        var key = IdempotencyKey.For("wu-timeout-1", "disposition");
        Assert.Contains("connectors_outcome_transferred_unresolved", Assert.Single(rig.Zendesk!.Account.Tickets(), t => t.ExternalId == key).Tags);

        // The agent finishes the notes after the timeout: the answer is taken, and says it updates the record.
        using var late = await rig.Http.PostAsJsonAsync("api/calls/wu-timeout-1/disposition", new { outcomeCode = "ADDRESS_CHANGE", summary = "Caller moved; address updated after the call." });
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        Assert.Equal("amends-record", (await late.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("applies").GetString());

        await Wait.UntilAsync(() => rig.Zendesk!.Account.Tickets().Single(t => t.ExternalId == key).Tags.Contains("connectors_outcome_address_change"),
            "the same ticket to carry the late edit", Patience);
        Assert.Contains("late", rig.Zendesk!.Account.Tickets().Single(t => t.ExternalId == key).Subject, StringComparison.Ordinal);
        Assert.Equal(1, rig.Dispositions("wu-timeout-1"));
        var amended = await Wait.ForAsync(() => rig.WrapUpAsync("wu-timeout-1"),
            s => s is { } x && x.GetProperty("state").GetString() == "recorded" && x.GetProperty("draft").GetProperty("late").GetBoolean(),
            "the wrap-up recorded with the late edit", Patience);
        Assert.Equal(DispositionDraft.Edited, amended!.Value.GetProperty("draft").GetProperty("confirmation").GetString());
        Assert.Equal(1, rig.Counter(MetricNames.WrapUpEdits));
        Assert.Equal(1, rig.Counter(MetricNames.WrapUpDispositions));
    }

    [Fact]
    public async Task The_platforms_end_after_an_abandoned_sweep_updates_the_same_record_with_the_real_outcome()
    {
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, new Dictionary<string, string?>
        {
            ["WrapUp:AbandonAfter"] = "00:00:02",
            ["WrapUp:SweepInterval"] = "00:00:01",
        });
        await rig.ConnectAsync("wu-late-end-1");
        var abandoned = await rig.WaitForStateAsync("wu-late-end-1", Patience, "recorded");
        Assert.Equal("ABANDONED", abandoned.GetProperty("draft").GetProperty("outcomeCode").GetString());
        var key = IdempotencyKey.For("wu-late-end-1", "disposition");

        await rig.EndAsync("wu-late-end-1", humanTookCall: true);

        var task = await Wait.ForAsync(() => Task.FromResult(rig.Salesforce!.Org.Records("Task").SingleOrDefault(r => r.Text("CallLog_Key__c") == key)),
            r => r?.Text("CallDisposition") == "TRANSFERRED_UNRESOLVED", "the same Task to carry the real outcome", Patience);
        Assert.Contains("late", task!.Text("Subject"), StringComparison.Ordinal);
        Assert.Equal(1, rig.Dispositions("wu-late-end-1"));
        Assert.Equal(1, rig.Counter(MetricNames.WrapUpDispositions));
    }

    [Fact]
    public async Task A_billing_calls_wrap_up_leaves_no_transcript_and_no_account_field_in_the_task_hub()
    {
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce);
        using (var connect = await rig.Http.PostAsJsonAsync("api/calls/wu-hub-1/connect", new { platform = "webhook", callerNumber = "+14155550101" }))
        {
            connect.EnsureSuccessStatusCode();
        }

        const string Turn = "I was charged twice for the gym membership on the fifth.";
        using (var baton = await rig.Http.PutAsJsonAsync("api/calls/wu-hub-1/baton", new
        {
            intent = "billing-dispute",
            amounts = new[] { new { value = 59.17m, currency = "USD", label = "duplicate gym charge" } },
            turns = new[] { new { speaker = "caller", text = Turn } },
        }))
        {
            baton.EnsureSuccessStatusCode();
        }

        await rig.EndAsync("wu-hub-1");
        await rig.WaitForStateAsync("wu-hub-1", Patience, "recorded");
        var task = Assert.Single(rig.Salesforce!.Org.Records("Task"), r => r.Text("CallLog_Key__c") == IdempotencyKey.For("wu-hub-1", "disposition"));
        Assert.Contains("59.17", task.Text("Description"), StringComparison.Ordinal);

        var hub = await TaskHubContents.DumpAsync(rig.Host.Services);

        Assert.Contains("wu-hub-1", hub, StringComparison.Ordinal);
        foreach (var forbidden in new[] { "charged twice", "gym", "59.17", "Alice", "4155550101", "0101", "@" })
        {
            Assert.DoesNotContain(forbidden, hub, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_dry_run_call_writes_nothing_and_its_ledger_shows_the_disposition_and_the_note()
    {
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce);
        await rig.ConnectAsync("wu-dry-1", dryRun: true);
        await rig.EndAsync("wu-dry-1");

        await rig.WaitForStateAsync("wu-dry-1", Patience, "recorded");

        Assert.Equal(0, rig.Dispositions("wu-dry-1"));
        var ledger = await rig.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("api/calls/wu-dry-1/dry-run/ledger");
        var text = ledger.GetProperty("entries").ToString();
        Assert.Contains("CallLog_Key__c", text, StringComparison.Ordinal);
        Assert.Contains("Call_Note__c", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_never_ends_is_wrapped_up_as_abandoned()
    {
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, new Dictionary<string, string?>
        {
            ["WrapUp:AbandonAfter"] = "00:00:02",
            ["WrapUp:SweepInterval"] = "00:00:01",
        });
        await rig.ConnectAsync("wu-abandoned-1");

        var recorded = await rig.WaitForStateAsync("wu-abandoned-1", Patience, "recorded");

        Assert.Equal("ABANDONED", recorded.GetProperty("draft").GetProperty("outcomeCode").GetString());
        Assert.Equal(1, rig.Dispositions("wu-abandoned-1"));
    }
}
