using Connectors.Core.Auth;
using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Http;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Knowledge;

public sealed class KnowledgeCheckServiceTests
{
    private static readonly KnowledgeCheckRequest Right = new("4242", "94105-1234");

    [Fact]
    public async Task Right_answers_in_any_format_raise_the_level_to_knowledge_for_the_selected_account()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var result = await rig.Get<KnowledgeCheckService>().CheckAsync(callId, new(" 42 42 ", "94105"), CancellationToken.None);

        Assert.Equal(AuthOutcomes.Passed, result.Outcome);
        Assert.Equal(AssuranceLevel.Knowledge, result.Level);
        var session = await rig.SessionAsync(callId);
        Assert.Equal(AssuranceLevel.Knowledge, session.Auth.LevelFor(account.AccountId));
        var pass = Assert.Single(session.Auth.Passes);
        Assert.Equal((AuthMethod.KnowledgeCheck, account.AccountId), (pass.Method, pass.AccountId));
        Assert.Equal(AuthOutcomes.Passed, Assert.Single(session.Auth.Attempts).Outcome);
    }

    [Theory]
    [InlineData("4243", "94105")]
    [InlineData("4242", "94106")]
    [InlineData("4243", "94106")]
    public async Task Any_wrong_field_fails_the_same_way_and_reveals_nothing_about_which(string lastFour, string zip)
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var result = await rig.Get<KnowledgeCheckService>().CheckAsync(callId, new(lastFour, zip), CancellationToken.None);

        Assert.Equal(new StepUpResult(AuthOutcomes.Failed, AssuranceLevel.None, 2), result);
        var session = await rig.SessionAsync(callId);
        Assert.Empty(session.Auth.Passes);
        var attempt = Assert.Single(session.Auth.Attempts);
        Assert.Equal((AuthMethod.KnowledgeCheck, AuthOutcomes.Failed, account.AccountId), (attempt.Method, attempt.Outcome, attempt.AccountId));
    }

    [Fact]
    public async Task The_date_of_birth_is_asked_and_compared_only_where_configured()
    {
        using var rig = StepUpRig.Create(new Dictionary<string, string?> { ["StepUp:Knowledge:RequireDateOfBirth"] = "true" });
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);
        var service = rig.Get<KnowledgeCheckService>();

        var missing = await Assert.ThrowsAsync<ProblemException>(() => service.CheckAsync(callId, Right, CancellationToken.None));
        Assert.Equal(400, missing.Status);
        Assert.Equal(AuthOutcomes.Failed, (await service.CheckAsync(callId, Right with { DateOfBirth = "1984-07-20" }, CancellationToken.None)).Outcome);
        Assert.Equal(AuthOutcomes.Passed, (await service.CheckAsync(callId, Right with { DateOfBirth = "19840719" }, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Brute_force_on_one_call_stops_at_the_per_call_limit_even_with_the_right_answer()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create());
        var service = rig.Get<KnowledgeCheckService>();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(AuthOutcomes.Failed, (await service.CheckAsync(callId, new("0000", "94105"), CancellationToken.None)).Outcome);
        }

        var locked = await Assert.ThrowsAsync<ProblemException>(() => service.CheckAsync(callId, Right, CancellationToken.None));
        Assert.Equal((429, "auth-locked-out"), (locked.Status, locked.Slug));
        Assert.Equal(AuthOutcomes.LockedOut, (await rig.SessionAsync(callId)).Auth.Attempts[^1].Outcome);
    }

    [Fact]
    public async Task Failures_across_calls_lock_the_account_for_the_window_then_it_opens_again()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var service = rig.Get<KnowledgeCheckService>();
        for (var i = 0; i < 5; i++)
        {
            var call = await rig.SeedAsync(account);
            Assert.Equal(AuthOutcomes.Failed, (await service.CheckAsync(call, new("0000", "00000"), CancellationToken.None)).Outcome);
        }

        var fresh = await rig.SeedAsync(account);
        var locked = await Assert.ThrowsAsync<ProblemException>(() => service.CheckAsync(fresh, Right, CancellationToken.None));
        Assert.Equal(429, locked.Status);

        rig.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(AuthOutcomes.Passed, (await service.CheckAsync(await rig.SeedAsync(account), Right, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_pass_ends_the_run_of_failures_on_the_account()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var service = rig.Get<KnowledgeCheckService>();
        for (var i = 0; i < 4; i++)
        {
            await service.CheckAsync(await rig.SeedAsync(account), new("0000", "00000"), CancellationToken.None);
        }

        await service.CheckAsync(await rig.SeedAsync(account), Right, CancellationToken.None);

        var next = await service.CheckAsync(await rig.SeedAsync(account), new("0000", "00000"), CancellationToken.None);
        Assert.Equal(2, next.AttemptsRemaining);
    }

    [Fact]
    public async Task Parallel_guesses_on_one_call_get_no_more_tries_than_the_limit()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create());
        var service = rig.Get<KnowledgeCheckService>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                return (await service.CheckAsync(callId, new((1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "94105"), CancellationToken.None)).Outcome;
            }
            catch (ProblemException ex) when (ex.Status == 429)
            {
                return AuthOutcomes.LockedOut;
            }
        })));

        Assert.Equal(3, outcomes.Count(o => o == AuthOutcomes.Failed));
        Assert.Equal(7, outcomes.Count(o => o == AuthOutcomes.LockedOut));
    }

    [Fact]
    public async Task Without_a_selected_account_there_is_nothing_to_verify_against()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create(), select: false);

        var problem = await Assert.ThrowsAsync<ProblemException>(() => rig.Get<KnowledgeCheckService>().CheckAsync(callId, Right, CancellationToken.None));

        Assert.Equal((409, VerificationSubject.NoAccountSlug), (problem.Status, problem.Slug));
    }

    [Fact]
    public async Task An_account_without_the_fields_on_file_cannot_be_checked_this_way()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account with { Snapshot = account.Snapshot with { BillingZip = null } });

        var problem = await Assert.ThrowsAsync<ProblemException>(() => rig.Get<KnowledgeCheckService>().CheckAsync(callId, Right, CancellationToken.None));

        Assert.Equal((422, "knowledge-check-unavailable"), (problem.Status, problem.Slug));
    }

    [Fact]
    public void Every_field_is_compared_even_when_an_earlier_one_is_wrong()
    {
        var onFile = new KnowledgeAnswers("4242", "94105", "1984-07-19");

        Assert.True(KnowledgeCheckService.Matches(new("4242", "94105", "1984-07-19"), onFile));
        Assert.False(KnowledgeCheckService.Matches(new("0000", "94105", "1984-07-19"), onFile));
        Assert.False(KnowledgeCheckService.Matches(new("4242", "94105", "1999-01-01"), onFile));
        Assert.True(KnowledgeCheckService.Matches(new("4242", "94105", null), onFile with { DateOfBirth = null }));
    }
}
