using Connectors.Core.Auth;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Http;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Passcodes;

public sealed class PasscodeVerifyServiceTests
{
    private static async Task<(string CallId, string Code)> SendAsync(StepUpRig rig, TestAccount account, PasscodeChannel channel = PasscodeChannel.Sms)
    {
        var callId = await rig.SeedAsync(account);
        await rig.Get<PasscodeSendService>().SendAsync(callId, new PasscodeSendRequest(channel), CancellationToken.None);
        var text = channel == PasscodeChannel.Sms ? rig.Sms.Sent[^1].Text : rig.Email.Sent[^1].Text;
        return (callId, Codes.In(text));
    }

    private static Task<StepUpResult> VerifyAsync(StepUpRig rig, string callId, string code) =>
        rig.Get<PasscodeVerifyService>().VerifyAsync(callId, new PasscodeVerifyRequest(code), CancellationToken.None);

    [Fact]
    public async Task The_right_code_raises_the_level_to_possession_bound_to_the_account()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var (callId, code) = await SendAsync(rig, account);

        var result = await VerifyAsync(rig, callId, code);

        Assert.Equal(new StepUpResult(AuthOutcomes.Passed, AssuranceLevel.Possession), result);
        var session = await rig.SessionAsync(callId);
        var pass = Assert.Single(session.Auth.Passes);
        Assert.Equal((AuthMethod.SmsPasscode, AssuranceLevel.Possession, account.AccountId), (pass.Method, pass.Level, pass.AccountId));
    }

    [Fact]
    public async Task An_email_code_passes_as_the_email_method()
    {
        using var rig = StepUpRig.Create();
        var (callId, code) = await SendAsync(rig, TestAccount.Create(), PasscodeChannel.Email);

        await VerifyAsync(rig, callId, code);

        Assert.True((await rig.SessionAsync(callId)).Auth.HasPassed(AuthMethod.EmailPasscode, (await rig.SessionAsync(callId)).SelectedAccountId));
    }

    [Fact]
    public async Task A_code_passes_once()
    {
        using var rig = StepUpRig.Create();
        var (callId, code) = await SendAsync(rig, TestAccount.Create());

        Assert.Equal(AuthOutcomes.Passed, (await VerifyAsync(rig, callId, code)).Outcome);
        Assert.Equal(AuthOutcomes.Used, (await VerifyAsync(rig, callId, code)).Outcome);
        Assert.Single((await rig.SessionAsync(callId)).Auth.Passes);
    }

    [Fact]
    public async Task A_code_past_its_lifetime_fails_as_expired()
    {
        using var rig = StepUpRig.Create();
        var (callId, code) = await SendAsync(rig, TestAccount.Create());

        rig.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(AuthOutcomes.Expired, (await VerifyAsync(rig, callId, code)).Outcome);
        Assert.Empty((await rig.SessionAsync(callId)).Auth.Passes);
    }

    [Fact]
    public async Task The_lifetime_is_configurable_up_to_ten_minutes()
    {
        using var rig = StepUpRig.Create(new Dictionary<string, string?> { ["StepUp:Passcodes:CodeLifetime"] = "00:10:00" });
        var (callId, code) = await SendAsync(rig, TestAccount.Create());

        rig.Clock.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal(AuthOutcomes.Passed, (await VerifyAsync(rig, callId, code)).Outcome);
    }

    [Fact]
    public async Task Five_wrong_codes_close_the_code_so_the_right_one_no_longer_passes()
    {
        using var rig = StepUpRig.Create();
        var (callId, code) = await SendAsync(rig, TestAccount.Create());

        for (var left = 4; left >= 0; left--)
        {
            var result = await VerifyAsync(rig, callId, Codes.Other(code));
            Assert.Equal((AuthOutcomes.Failed, left), (result.Outcome, result.AttemptsRemaining));
        }

        Assert.Equal(AuthOutcomes.TooManyTries, (await VerifyAsync(rig, callId, code)).Outcome);
        Assert.Empty((await rig.SessionAsync(callId)).Auth.Passes);
    }

    [Fact]
    public async Task Another_calls_code_fails_even_for_the_same_account()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var (callA, codeA) = await SendAsync(rig, account);
        var callB = await rig.SeedAsync(account);
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Get<PasscodeSendService>().SendAsync(callB, new PasscodeSendRequest(PasscodeChannel.Sms), CancellationToken.None);
        var codeB = Codes.In(rig.Sms.Sent[^1].Text);

        var result = codeA == codeB ? null : await VerifyAsync(rig, callB, codeA);

        // Equal codes happen one time in a million; the hash still differs, which the next line shows either way.
        Assert.NotEqual(rig.Get<StepUpKeyring>().HashPasscode(callA, account.AccountId, codeA), rig.Get<StepUpKeyring>().HashPasscode(callB, account.AccountId, codeA));
        if (result is not null)
        {
            Assert.Equal(AuthOutcomes.Failed, result.Outcome);
        }

        Assert.Equal(AuthOutcomes.Passed, (await VerifyAsync(rig, callA, codeA)).Outcome);
    }

    [Fact]
    public async Task A_resend_replaces_the_earlier_code()
    {
        using var rig = StepUpRig.Create();
        var (callId, first) = await SendAsync(rig, TestAccount.Create());
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Get<PasscodeSendService>().SendAsync(callId, new PasscodeSendRequest(PasscodeChannel.Sms), CancellationToken.None);
        var second = Codes.In(rig.Sms.Sent[^1].Text);

        if (first != second)
        {
            Assert.Equal(AuthOutcomes.Failed, (await VerifyAsync(rig, callId, first)).Outcome);
        }

        Assert.Equal(AuthOutcomes.Passed, (await VerifyAsync(rig, callId, second)).Outcome);
    }

    [Fact]
    public async Task Two_racing_entries_of_the_right_code_cannot_both_pass()
    {
        using var rig = StepUpRig.Create();
        var (callId, code) = await SendAsync(rig, TestAccount.Create());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => VerifyAsync(rig, callId, code))));

        Assert.Single(results, r => r.Outcome == AuthOutcomes.Passed);
        Assert.All(results.Where(r => r.Outcome != AuthOutcomes.Passed), r => Assert.Equal(AuthOutcomes.Used, r.Outcome));
        Assert.Single((await rig.SessionAsync(callId)).Auth.Passes);
    }

    [Fact]
    public async Task Wrong_codes_across_calls_lock_the_account()
    {
        using var rig = StepUpRig.Create(new Dictionary<string, string?>
        {
            ["StepUp:Passcodes:MaxFailedVerifiesPerAccount"] = "6",
            ["StepUp:Passcodes:MaxSendsPerDestinationPerHour"] = "10",
            ["StepUp:Passcodes:MaxSendsPerAccountPerHour"] = "10",
        });
        var account = TestAccount.Create();
        var (call1, code1) = await SendAsync(rig, account);
        for (var i = 0; i < 5; i++)
        {
            await VerifyAsync(rig, call1, Codes.Other(code1));
        }

        var (call2, code2) = await SendAsync(rig, account);
        Assert.Equal(AuthOutcomes.Failed, (await VerifyAsync(rig, call2, Codes.Other(code2))).Outcome);

        var locked = await Assert.ThrowsAsync<ProblemException>(() => VerifyAsync(rig, call2, code2));
        Assert.Equal((429, "auth-locked-out"), (locked.Status, locked.Slug));
        Assert.Equal(AuthOutcomes.LockedOut, (await rig.SessionAsync(call2)).Auth.Attempts[^1].Outcome);
    }

    [Fact]
    public async Task Verifying_before_any_code_was_sent_is_a_404_and_no_attempt()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create());

        var problem = await Assert.ThrowsAsync<ProblemException>(() => VerifyAsync(rig, callId, "123456"));

        Assert.Equal((404, "no-passcode-issued"), (problem.Status, problem.Slug));
        Assert.Empty((await rig.SessionAsync(callId)).Auth.Attempts);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData("")]
    public async Task A_malformed_code_is_a_400_that_costs_no_try(string entered)
    {
        using var rig = StepUpRig.Create();
        var (callId, code) = await SendAsync(rig, TestAccount.Create());

        var problem = await Assert.ThrowsAsync<ProblemException>(() => VerifyAsync(rig, callId, entered));

        Assert.Equal(400, problem.Status);
        Assert.Equal(0, (await rig.Get<PasscodeChallengeStore>().GetAsync(callId, CancellationToken.None))!.Tries);
        Assert.Equal(AuthOutcomes.Passed, (await VerifyAsync(rig, callId, code)).Outcome);
    }
}
