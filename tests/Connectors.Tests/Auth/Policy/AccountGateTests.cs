using Connectors.Core.Auth;
using Connectors.Core.Auth.Policy;
using Connectors.Core.Calls;
using Connectors.Core.Crm;

namespace Connectors.Tests.Auth.Policy;

public sealed class AccountGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly AccountPolicyOptions Seed = new() { Actions = AccountPolicyDefaults.Seed() };

    [Fact]
    public void Balance_is_refused_until_the_knowledge_check_passes()
    {
        var session = Candidate("A1");

        var before = AccountGate.Decide(Seed, session, "balance");
        var after = AccountGate.Decide(Seed, Pass(session, AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A1"), "balance");

        Assert.Equal(AccountGateVerdict.StepUpRequired, before.Verdict);
        Assert.Equal(AssuranceLevel.Knowledge, before.RequiredLevel);
        Assert.Empty(before.VisibleFields);
        Assert.Equal(AccountGateVerdict.Allowed, after.Verdict);
        Assert.Equal([AccountFields.DisplayName, AccountFields.Balance, AccountFields.Currency], after.VisibleFields);
    }

    [Fact]
    public void A_knowledge_check_does_not_open_a_payment_and_the_hint_names_what_can()
    {
        var session = Pass(Candidate("A1"), AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A1");

        var decision = AccountGate.Decide(Seed, session, "payment");

        Assert.Equal(AccountGateVerdict.StepUpRequired, decision.Verdict);
        Assert.Equal(AssuranceLevel.Possession, decision.RequiredLevel);
        Assert.Equal(AssuranceLevel.Knowledge, decision.LevelReached);
        Assert.Equal([AuthMethod.KnowledgeCheck], decision.MethodsPassed);
        Assert.Equal([AuthMethod.SmsPasscode, AuthMethod.EmailPasscode, AuthMethod.VoiceBiometric], decision.MethodsToReach);
    }

    [Theory]
    [InlineData(AuthMethod.SmsPasscode, AssuranceLevel.Possession)]
    [InlineData(AuthMethod.EmailPasscode, AssuranceLevel.Possession)]
    [InlineData(AuthMethod.VoiceBiometric, AssuranceLevel.Biometric)]
    public void A_passcode_or_a_biometric_opens_every_seed_action(AuthMethod method, AssuranceLevel level)
    {
        var session = Pass(Candidate("A1"), method, level, "A1");

        foreach (var action in Seed.Actions.Keys)
        {
            Assert.True(AccountGate.Decide(Seed, session, action).IsAllowed, action);
        }
    }

    [Fact]
    public void Proofs_for_another_account_count_for_nothing()
    {
        var session = Pass(Candidate("A1"), AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, "A2");

        var decision = AccountGate.Decide(Seed, session, "balance");

        Assert.Equal(AccountGateVerdict.StepUpRequired, decision.Verdict);
        Assert.Equal(AssuranceLevel.None, decision.LevelReached);
    }

    [Fact]
    public void With_no_selected_account_nothing_is_allowed_whatever_was_proved()
    {
        var ambiguous = new CallSession
        {
            CallId = "CA1",
            Platform = "twilio",
            ConnectedAt = Now,
            Match = CallerMatch.Ambiguous,
            Candidates = [new CrmCandidate("A1", "One", "phone"), new CrmCandidate("A2", "Two", "phone")],
        };
        var proved = Pass(Pass(ambiguous, AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, "A1"), AuthMethod.SmsPasscode, AssuranceLevel.Possession, "A2");

        foreach (var action in Seed.Actions.Keys)
        {
            var decision = AccountGate.Decide(Seed, proved, action);
            Assert.Equal(AccountGateVerdict.NoSelectedAccount, decision.Verdict);
            Assert.Empty(decision.VisibleFields);
        }
    }

    [Fact]
    public void An_action_the_policy_does_not_name_is_denied_whatever_was_proved()
    {
        var session = Pass(Candidate("A1"), AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, "A1");

        var decision = AccountGate.Decide(Seed, session, "close-account");

        Assert.Equal(AccountGateVerdict.UnknownAction, decision.Verdict);
        Assert.Empty(decision.VisibleFields);
        Assert.Empty(decision.MethodsToReach);
    }

    [Fact]
    public void A_pass_counts_for_no_more_than_its_method_can_prove()
    {
        // A knowledge check recorded with an inflated level must not open a payment.
        var session = Pass(Candidate("A1"), AuthMethod.KnowledgeCheck, AssuranceLevel.Biometric, "A1");

        Assert.False(AccountGate.Decide(Seed, session, "payment").IsAllowed);
        Assert.True(AccountGate.Decide(Seed, session, "balance").IsAllowed);
    }

    [Fact]
    public void A_method_the_rule_does_not_name_does_not_open_it_even_at_a_higher_level()
    {
        var policy = new AccountPolicyOptions { Actions = AccountPolicyDefaults.Seed() };
        policy.Actions["payment"].AllowedMethods = [AuthMethod.SmsPasscode];
        var session = Pass(Candidate("A1"), AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, "A1");

        var decision = AccountGate.Decide(policy, session, "payment");

        Assert.Equal(AccountGateVerdict.StepUpRequired, decision.Verdict);
        Assert.Equal([AuthMethod.SmsPasscode], decision.MethodsToReach);
    }

    private static CallSession Candidate(string accountId) => new()
    {
        CallId = "CA1",
        Platform = "twilio",
        ConnectedAt = Now,
        Match = CallerMatch.Candidate,
        Candidates = [new CrmCandidate(accountId, "Holder", "phone")],
        SelectedAccountId = accountId,
    };

    private static CallSession Pass(CallSession session, AuthMethod method, AssuranceLevel level, string accountId) =>
        session with { Auth = session.Auth.WithPass(new AuthPass(method, level, accountId, Now)) };
}
