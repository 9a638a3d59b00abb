using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.WrapUp;
using Connectors.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.WrapUp;

/// <summary>The wrap-up's decisions that need no engine: the start rule of both hosts, the draft, the human's answer, the options.</summary>
public sealed class WrapUpRulesTests
{
    private static readonly DispositionDrafter Drafter = new(new StaticOptions(new WrapUpOptions()));

    [Fact]
    public void The_first_start_replaces_nothing_and_a_resume_replaces_only_a_finished_run()
    {
        Assert.Equal(
            [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
             OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            WrapUpStarter.DedupeStatuses);
        Assert.Equal([OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended], WrapUpStarter.ResumeDedupeStatuses);
        Assert.Equal("wrapup-call-1", WrapUpInstance.IdFor("call-1"));
        Assert.Equal("call-1", WrapUpInstance.CallIdOf(WrapUpInstance.IdFor("call-1")));
    }

    [Theory]
    [InlineData(typeof(Connectors.Core.Crm.CrmUnavailableException), true)]
    [InlineData(typeof(Connectors.Core.Storage.TableStorageException), true)]
    [InlineData(typeof(Connectors.Core.Storage.StateContendedException), true)]
    [InlineData(typeof(HttpRequestException), true)]
    [InlineData(typeof(TimeoutException), true)]
    [InlineData(typeof(TaskCanceledException), true)]
    [InlineData(typeof(JsonException), false)]
    [InlineData(typeof(InvalidOperationException), false)]
    [InlineData(typeof(NullReferenceException), false)]
    [InlineData(typeof(Connectors.Core.Crm.CrmRejectedException), false)]
    public void Only_a_transient_failure_is_retried_and_a_bug_parks_at_once(Type exception, bool transient)
    {
        var failure = new Microsoft.DurableTask.TaskFailureDetails(exception.FullName!, "boom", null, null, null);

        Assert.Equal(transient, TransientFailure.Is(failure));
        Assert.Equal(transient ? TransientFailure.RetriesExhausted : TransientFailure.Failed, TransientFailure.ParkReason(failure));
        Assert.False(TransientFailure.Is(null));
        var wrapped = new Microsoft.DurableTask.TaskFailureDetails(typeof(AggregateException).FullName!, "outer", null, failure, null);
        Assert.Equal(transient, TransientFailure.Is(wrapped));
    }

    [Fact]
    public void A_later_version_applies_the_humans_answer_marked_late_and_a_repeat_of_a_written_version_sends_the_same_disposition()
    {
        var draft = Drafter.Draft(Facts(null), WrapUpInput.Ended, humanTookCall: true);
        var timedOut = new WrapUpDisposition { CallId = "c", Trigger = WrapUpInput.Ended, HumanTookCall = true, Draft = draft };
        var first = timedOut.Compose(draft);
        Assert.Equal(DispositionDraft.Unconfirmed, first.Confirmation);
        Assert.False(first.Late);

        var written = timedOut with { CommittedVersion = 0, Committed = first, Recorded = true };
        Assert.False(written.Behind);
        Assert.Same(first, written.Compose(draft));

        var answered = written with { Human = new HumanDisposition("ADDRESS_CHANGE", "Moved house."), Version = 1 };
        Assert.True(answered.Behind);
        var late = answered.Compose(draft);
        Assert.Equal(DispositionDraft.Edited, late.Confirmation);
        Assert.True(late.Late);
        Assert.Equal("ADDRESS_CHANGE", late.OutcomeCode);
    }

    [Fact]
    public void The_functions_host_runs_the_wrap_up_on_its_storage_account_and_its_start_rule_keeps_running_instances()
    {
        // facts/azure-platform.md 2.2: the Functions host refuses to start over a running instance with NonRunningStates and
        // unions the request's dedupe statuses (Completed among them) with it, so a recorded wrap-up is not overwritten either.
        using var host = JsonDocument.Parse(DeploymentTemplateTests.Read("host.json"));
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal("NonRunningStates", durable.GetProperty("overridableExistingInstanceStates").GetString());
        Assert.Equal("AzureWebJobsStorage", durable.GetProperty("storageProvider").GetProperty("connectionName").GetString());
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", durable.GetProperty("hubName").GetString());
    }

    [Fact]
    public void An_abandoned_call_drafts_abandoned_and_a_human_call_with_no_intent_drafts_transferred_unresolved()
    {
        var facts = Facts(intent: null);

        Assert.Equal("ABANDONED", Drafter.Draft(facts, WrapUpInput.Abandoned, humanTookCall: true).OutcomeCode);
        Assert.Equal("TRANSFERRED_UNRESOLVED", Drafter.Draft(facts, WrapUpInput.Ended, humanTookCall: true).OutcomeCode);
        Assert.Equal("GENERAL_ENQUIRY", Drafter.Draft(facts, WrapUpInput.Ended, humanTookCall: false).OutcomeCode);
        Assert.Equal("BILLING_DISPUTE_CREDIT", Drafter.Draft(Facts("billing-dispute"), WrapUpInput.Ended, humanTookCall: true).OutcomeCode);
    }

    [Fact]
    public void The_verified_account_is_on_the_draft_only_when_the_caller_was_verified_for_it()
    {
        Assert.Null(Drafter.Draft(Facts(null) with { VerificationLevel = AssuranceLevel.None }, WrapUpInput.Ended, false).AccountId);
        Assert.Equal("001A", Drafter.Draft(Facts(null) with { VerificationLevel = AssuranceLevel.Knowledge }, WrapUpInput.Ended, false).AccountId);
    }

    [Fact]
    public void A_human_answer_that_changes_nothing_is_a_confirmation_and_any_change_is_an_edit()
    {
        var draft = Drafter.Draft(Facts(null), WrapUpInput.Ended, humanTookCall: true);

        Assert.Equal(DispositionDraft.Confirmed, DispositionDrafter.Apply(draft, new HumanDisposition(draft.OutcomeCode, draft.Summary)).Confirmation);
        Assert.Equal(DispositionDraft.Confirmed, DispositionDrafter.Apply(draft, new HumanDisposition(null, null)).Confirmation);
        Assert.Equal(DispositionDraft.Edited, DispositionDrafter.Apply(draft, new HumanDisposition("ADDRESS_CHANGE", null)).Confirmation);
        Assert.Equal(DispositionDraft.Edited, DispositionDrafter.Apply(draft, new HumanDisposition(null, "Other words.")).Confirmation);
        Assert.NotNull(Drafter.Problem(new HumanDisposition("NOT_A_CODE", null)));
        Assert.Null(Drafter.Problem(new HumanDisposition("ABANDONED", "ok")));
    }

    [Fact]
    public void Options_whose_special_codes_are_not_in_the_code_set_are_refused()
    {
        var options = new WrapUpOptions { OutcomeCodes = ["RESOLVED"], DefaultCode = "RESOLVED" };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(WrapUpOptions.AbandonedCode)));
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(WrapUpOptions.TransferredCode)));
        Assert.Empty(new WrapUpOptions().Validate(new ValidationContext(new WrapUpOptions())));
    }

    private static CallFacts Facts(string? intent) => new()
    {
        CallId = "call-1",
        ConnectedAt = DateTimeOffset.UnixEpoch,
        AccountId = "001A",
        VerificationLevel = AssuranceLevel.Knowledge,
        Conversation = new WrapUpConversation("", intent, []),
    };

    private sealed class StaticOptions(WrapUpOptions value) : IOptionsMonitor<WrapUpOptions>
    {
        public WrapUpOptions CurrentValue => value;

        public WrapUpOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WrapUpOptions, string?> listener) => null;
    }
}
