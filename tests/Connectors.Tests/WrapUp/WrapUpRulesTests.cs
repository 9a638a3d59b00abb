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
    public void The_start_dedupes_every_live_status_and_completed_and_lets_a_failed_wrap_up_start_again()
    {
        Assert.Equal(
            [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.Completed],
            WrapUpStarter.DedupeStatuses);
        Assert.DoesNotContain(OrchestrationRuntimeStatus.Failed, WrapUpStarter.DedupeStatuses);
        Assert.DoesNotContain(OrchestrationRuntimeStatus.Terminated, WrapUpStarter.DedupeStatuses);
        Assert.Equal("wrapup-call-1", WrapUpInstance.IdFor("call-1"));
        Assert.Equal("call-1", WrapUpInstance.CallIdOf(WrapUpInstance.IdFor("call-1")));
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
