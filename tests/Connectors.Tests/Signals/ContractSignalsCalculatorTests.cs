using Connectors.Core.Auth;
using Connectors.Core.Calls;
using Connectors.Core.Signals;
using Connectors.Core.WrapUp;

namespace Connectors.Tests.Signals;

/// <summary>The rules that turn stored facts into signals, on plain records.</summary>
public sealed class ContractSignalsCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_duplicate_and_a_void_that_cancel_out_in_the_ratio_are_both_listed()
    {
        var calls = new[]
        {
            Recorded("once", upserts: 1),
            Recorded("twice", upserts: 2),
            Ended("void", Now.AddHours(-2)),
            Ended("still-running", Now.AddHours(-2)) with { WrapUp = Status("still-running", "running") },
            Ended("too-recent", Now.AddMinutes(-5)),
        };

        var signals = Compute(calls);

        Assert.Equal(3, signals.Dispositions.CompletedCalls);
        Assert.Equal(1.0, signals.Dispositions.PerCompletedCall);
        Assert.Equal(["twice"], signals.Dispositions.Duplicates);
        Assert.Equal(["void"], signals.Dispositions.Voids);
        Assert.Equal(2, signals.Dispositions.InFlight);
    }

    [Fact]
    public void A_parked_wrap_up_is_neither_completed_nor_a_void_and_shows_its_age_and_replay()
    {
        var parked = new ParkedWrapUp("stuck", WrapUpSteps.Upsert, "retries-exhausted", "503", Now.AddMinutes(-90));
        var calls = new[] { Recorded("fine", upserts: 1), Ended("stuck", Now.AddHours(-2)) with { Parked = parked } };

        var signals = ContractSignalsCalculator.Compute(Now.AddDays(-1), Now, calls, [parked], new ScanCost(2, 2, 8, false), new SignalOptions(), TimeSpan.FromMilliseconds(800), Now);

        Assert.Equal(1.0, signals.Dispositions.PerCompletedCall);
        Assert.Empty(signals.Dispositions.Voids);
        var item = Assert.Single(signals.Parked.Items);
        Assert.Equal(90, item.AgeMinutes);
        Assert.Equal("POST /api/wrapups/stuck/replay", item.Replay);
        Assert.True(signals.Checks.Single(c => c.Signal == "parked wrap-ups").Out);
    }

    [Fact]
    public void Lookup_latency_is_request_to_answer_from_the_events_and_p99_over_the_budget_is_out()
    {
        var calls = Enumerable.Range(0, 100).Select(i => Recorded($"c{i}", upserts: 1, lookupMs: i == 99 ? 2000 : 100 + i)).ToArray();

        var signals = Compute(calls);

        Assert.Equal(100, signals.Lookup.Lookups);
        Assert.Equal(149, signals.Lookup.P50Ms);
        Assert.Equal(198, signals.Lookup.P99Ms);
        Assert.False(signals.Checks.Single(c => c.Signal.StartsWith("CRM lookup p99", StringComparison.Ordinal)).Out);

        var slow = Compute([.. calls.Take(90), .. Enumerable.Range(0, 10).Select(i => Recorded($"s{i}", upserts: 1, lookupMs: 1500))]);
        Assert.Equal(1500, slow.Lookup.P99Ms);
        Assert.True(slow.Checks.Single(c => c.Signal.StartsWith("CRM lookup p99", StringComparison.Ordinal)).Out);
    }

    [Fact]
    public void Pass_rate_by_method_splits_callers_who_passed_from_sessions_that_ended_locked_out()
    {
        var passedAfterAMiss = Recorded("p", 1, attempts: [(AuthMethod.KnowledgeCheck, AuthOutcomes.Failed), (AuthMethod.KnowledgeCheck, AuthOutcomes.Passed)]);
        var lockedOut = Recorded("l", 1, attempts: [(AuthMethod.KnowledgeCheck, AuthOutcomes.Failed), (AuthMethod.KnowledgeCheck, AuthOutcomes.LockedOut)]);
        var sms = Recorded("s", 1, attempts: [(AuthMethod.SmsPasscode, AuthOutcomes.Passed)]);

        var signals = Compute([passedAfterAMiss, lockedOut, sms]);

        var knowledge = signals.Auth.Methods.Single(m => m.Method == "knowledge-check");
        Assert.Equal((2, 1, 1, 0.5), (knowledge.Calls, knowledge.Passed, knowledge.EndedLockedOut, knowledge.PassRate));
        Assert.Equal(1.0, signals.Auth.Methods.Single(m => m.Method == "sms-passcode").PassRate);
        Assert.DoesNotContain(signals.Auth.Methods, m => m.Method == "voice-biometric");
    }

    [Fact]
    public void An_edit_rate_near_zero_over_enough_human_confirmations_warns_of_rubber_stamping()
    {
        var stamped = Enumerable.Range(0, 20).Select(i => Recorded($"c{i}", 1, confirmation: DispositionDraft.Confirmed)).ToArray();
        var edited = stamped.Select((c, i) => i < 4 ? Recorded($"c{i}", 1, confirmation: DispositionDraft.Edited) : c).ToArray();

        Assert.True(Compute(stamped).Edits.RubberStampWarning);
        Assert.Equal(0.0, Compute(stamped).Edits.EditRate);
        Assert.False(Compute(edited).Edits.RubberStampWarning);
        Assert.Equal(0.2, Compute(edited).Edits.EditRate);
        Assert.False(Compute(stamped.Take(5).ToArray()).Edits.RubberStampWarning);
    }

    [Fact]
    public void Baton_completeness_and_the_re_explain_rate_come_from_transfers_and_agents_feedback()
    {
        var calls = new[]
        {
            Recorded("a", 1) with { TransfersComplete = [true], Feedback = [new AgentFeedback("a", ReExplained: false, Now)] },
            Recorded("b", 1) with { TransfersComplete = [false], Feedback = [new AgentFeedback("b", ReExplained: true, Now)] },
            Recorded("c", 1) with { TransfersComplete = [true, true] },
        };

        var signals = Compute(calls);

        Assert.Equal((4, 3, 0.75), (signals.Batons.Transfers, signals.Batons.Complete, signals.Batons.Completeness));
        Assert.Equal((2, 1, 0.5), (signals.ReExplain.Feedback, signals.ReExplain.ReExplained, signals.ReExplain.Rate));
        Assert.True(signals.Checks.Single(c => c.Signal == "re-explain rate").Out);
    }

    private static ContractSignals Compute(IReadOnlyList<CallSignalFacts> calls) =>
        ContractSignalsCalculator.Compute(Now.AddDays(-1), Now, calls, [], new ScanCost(2, calls.Count, calls.Count * 4, false), new SignalOptions(), TimeSpan.FromMilliseconds(800), Now);

    private static CallSignalFacts Ended(string callId, DateTimeOffset endedAt) => new()
    {
        Call = new IndexedCall(callId, endedAt, "salesforce"),
        Session = new CallSession { CallId = callId, Platform = "webhook", ConnectedAt = endedAt.AddMinutes(-5), EndedAt = endedAt },
    };

    private static CallSignalFacts Recorded(
        string callId, int upserts, double lookupMs = 100, string confirmation = DispositionDraft.NotRequired, (AuthMethod Method, string Outcome)[]? attempts = null)
    {
        var ended = Now.AddHours(-3);
        var start = ended.AddMinutes(-5);
        var events = new List<CallEvent>
        {
            new(start, CallEventKinds.LookupRequested, "caller"),
            new(start.AddMilliseconds(lookupMs), CallEventKinds.LookupCompleted, "single"),
        };
        events.AddRange(Enumerable.Repeat(new CallEvent(ended, WrapUpSteps.StepEventKind, WrapUpSteps.Upsert), upserts));
        var auth = new AuthState();
        foreach (var (method, outcome) in attempts ?? [])
        {
            auth = auth.WithAttempt(new AuthAttempt(method, outcome, start, "acct"));
            if (outcome == AuthOutcomes.Passed)
            {
                auth = auth.WithPass(new AuthPass(method, AssuranceLevel.Knowledge, "acct", start));
            }
        }

        return Ended(callId, ended) with
        {
            Session = new CallSession { CallId = callId, Platform = "webhook", ConnectedAt = start, EndedAt = ended, Events = events, Auth = auth },
            WrapUp = Status(callId, WrapUpResult.Recorded) with { Draft = new DispositionDraft { OutcomeCode = "GENERAL_ENQUIRY", Summary = "s", Confirmation = confirmation } },
        };
    }

    private static WrapUpStatus Status(string callId, string state) => new() { CallId = callId, State = state, RuntimeStatus = state };
}
