using Connectors.Core.Calls;
using Connectors.Core.Crm;

namespace Connectors.Tests.Calls;

public sealed class CandidateMatcherTests
{
    private static readonly CrmCandidate A1 = new("A1", "One", "phone");
    private static readonly CrmCandidate A2 = new("A2", "Two", "phone");
    private static readonly CrmCandidate A3 = new("A3", "Three", "account-number");

    [Fact]
    public void One_phone_match_is_the_candidate()
    {
        Assert.Equal([A1], CandidateMatcher.ForCaller([A1], null));
        Assert.Equal(LookupOutcome.Candidate, CandidateMatcher.OutcomeOf([A1]));
    }

    [Fact]
    public void One_account_reached_through_several_contacts_is_one_candidate()
    {
        var sameAccount = A1 with { ContactId = "003-other" };

        Assert.Equal(LookupOutcome.Candidate, CandidateMatcher.OutcomeOf(CandidateMatcher.ForCaller([A1, sameAccount], null)));
    }

    [Fact]
    public void Several_phone_matches_are_ambiguous_and_none_is_picked()
    {
        var candidates = CandidateMatcher.ForCaller([A1, A2], null);

        Assert.Equal(2, candidates.Count);
        Assert.Equal(LookupOutcome.Ambiguous, CandidateMatcher.OutcomeOf(candidates));
    }

    [Fact]
    public void An_ivr_account_number_naming_one_account_wins_over_the_phone_matches()
    {
        Assert.Equal([A3], CandidateMatcher.ForCaller([A1, A2], [A3]));
    }

    [Fact]
    public void The_callers_number_narrows_an_ivr_account_number_that_names_several()
    {
        Assert.Equal(["A2"], CandidateMatcher.ForCaller([A2], [A2 with { MatchedOn = "account-number" }, A3]).Select(c => c.AccountId));
        Assert.Equal(2, CandidateMatcher.ForCaller([A1], [A2, A3]).Count);
    }

    [Fact]
    public void A_mistyped_ivr_account_number_leaves_the_phone_matches_to_stand_alone()
    {
        Assert.Equal([A1], CandidateMatcher.ForCaller([A1], []));
        Assert.Empty(CandidateMatcher.ForCaller(null, []));
        Assert.Equal(LookupOutcome.Unknown, CandidateMatcher.OutcomeOf([]));
    }

    [Fact]
    public void A_spoken_account_number_settles_on_the_candidate_it_names_else_on_a_lone_fresh_match()
    {
        Assert.Equal(A2, CandidateMatcher.ForAccountNumber([A1, A2], [A2, A3]));
        Assert.Equal(A3, CandidateMatcher.ForAccountNumber([A1, A2], [A3]));
        Assert.Null(CandidateMatcher.ForAccountNumber([A1, A2], [A1, A2]));
        Assert.Null(CandidateMatcher.ForAccountNumber([A1], [A2, A3]));
        Assert.Null(CandidateMatcher.ForAccountNumber([A1], []));
    }
}
