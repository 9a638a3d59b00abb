using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Http;
using Connectors.Core.Storage;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Biometrics;

public sealed class BiometricVerdictServiceTests
{
    private const string Vendor = "acme";
    private const string Secret = "unit-test-biometric-secret-0123456789abcdef";

    private static byte[] Body(string callId, string accountId, string decision = "match", double score = 0.93, string? assertionId = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new BiometricAssertion(assertionId ?? Guid.NewGuid().ToString(), callId, accountId, decision, score), ConnectorsJson.Options);

    private static Task<StepUpResult> PostAsync(StepUpRig rig, string callId, byte[] body, string? secret = Secret, long? at = null, string vendor = Vendor) =>
        rig.Get<BiometricVerdictService>().AcceptAsync(callId, vendor,
            BiometricSignature.Sign(secret ?? Secret, at ?? rig.Clock.GetUtcNow().ToUnixTimeSeconds(), body), body, CancellationToken.None);

    [Fact]
    public async Task A_signed_match_above_the_minimum_raises_the_level_to_biometric()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var result = await PostAsync(rig, callId, Body(callId, account.AccountId, score: 0.85));

        Assert.Equal(new StepUpResult(AuthOutcomes.Passed, AssuranceLevel.Biometric), result);
        var pass = Assert.Single((await rig.SessionAsync(callId)).Auth.Passes);
        Assert.Equal((AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, account.AccountId), (pass.Method, pass.Level, pass.AccountId));
    }

    [Theory]
    [InlineData("match", 0.84, AuthOutcomes.BelowThreshold)]
    [InlineData("no-match", 0.99, AuthOutcomes.NoMatch)]
    [InlineData("inconclusive", 0.5, AuthOutcomes.NoMatch)]
    public async Task A_verdict_short_of_a_match_at_the_minimum_score_is_recorded_and_raises_nothing(string decision, double score, string outcome)
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var result = await PostAsync(rig, callId, Body(callId, account.AccountId, decision, score));

        Assert.Equal(new StepUpResult(outcome, AssuranceLevel.None), result);
        Assert.Empty((await rig.SessionAsync(callId)).Auth.Passes);
    }

    [Fact]
    public async Task A_forged_assertion_is_refused_and_recorded()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var problem = await Assert.ThrowsAsync<ProblemException>(() => PostAsync(rig, callId, Body(callId, account.AccountId), secret: new string('f', 43)));

        Assert.Equal((401, "biometric-signature-invalid"), (problem.Status, problem.Slug));
        var session = await rig.SessionAsync(callId);
        Assert.Empty(session.Auth.Passes);
        Assert.Equal(AuthOutcomes.SignatureInvalid, Assert.Single(session.Auth.Attempts).Outcome);
    }

    [Fact]
    public async Task An_unknown_vendor_is_refused_like_a_forgery()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var problem = await Assert.ThrowsAsync<ProblemException>(() => PostAsync(rig, callId, Body(callId, account.AccountId), vendor: "someone-else"));

        Assert.Equal(401, problem.Status);
    }

    [Fact]
    public async Task A_stale_assertion_is_refused()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var problem = await Assert.ThrowsAsync<ProblemException>(() =>
            PostAsync(rig, callId, Body(callId, account.AccountId), at: rig.Clock.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds()));

        Assert.Equal((401, "biometric-assertion-stale"), (problem.Status, problem.Slug));
        Assert.Equal(AuthOutcomes.Stale, Assert.Single((await rig.SessionAsync(callId)).Auth.Attempts).Outcome);
    }

    [Fact]
    public async Task A_vendor_retry_of_an_assertion_gets_the_first_answer_and_records_nothing_more()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);
        var body = Body(callId, account.AccountId);
        var first = await PostAsync(rig, callId, body);

        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        var retried = await PostAsync(rig, callId, body);

        Assert.Equal(first, retried);
        var session = await rig.SessionAsync(callId);
        Assert.Equal([AuthOutcomes.Passed], session.Auth.Attempts.Select(a => a.Outcome));
        Assert.Single(session.Auth.Passes);
    }

    [Fact]
    public async Task An_assertion_id_sent_again_with_another_body_is_a_409_recorded_as_a_replay()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);
        await PostAsync(rig, callId, Body(callId, account.AccountId, assertionId: "assertion-1"));

        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        var problem = await Assert.ThrowsAsync<ProblemException>(() => PostAsync(rig, callId, Body(callId, account.AccountId, score: 0.99, assertionId: "assertion-1")));

        Assert.Equal((409, "request-id-reused"), (problem.Status, problem.Slug));
        var session = await rig.SessionAsync(callId);
        Assert.Equal([AuthOutcomes.Passed, AuthOutcomes.Replayed], session.Auth.Attempts.Select(a => a.Outcome));
        Assert.Single(session.Auth.Passes);
    }

    [Fact]
    public async Task An_assertion_about_another_account_or_call_is_refused()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);
        var otherCall = await rig.SeedAsync(account);

        var otherAccount = await Assert.ThrowsAsync<ProblemException>(() => PostAsync(rig, callId, Body(callId, "001-SOMEONE-ELSE")));
        var aboutOtherCall = await Assert.ThrowsAsync<ProblemException>(() => PostAsync(rig, callId, Body(otherCall, account.AccountId)));

        Assert.Equal((422, "biometric-assertion-mismatch"), (otherAccount.Status, otherAccount.Slug));
        Assert.Equal(422, aboutOtherCall.Status);
        Assert.Empty((await rig.SessionAsync(callId)).Auth.Passes);
        Assert.Empty((await rig.SessionAsync(otherCall)).Auth.Passes);
    }

    [Fact]
    public async Task A_forgery_for_a_call_that_does_not_exist_gets_the_same_401()
    {
        using var rig = StepUpRig.Create();

        var problem = await Assert.ThrowsAsync<ProblemException>(() => PostAsync(rig, "CA-missing", Body("CA-missing", "001"), secret: new string('f', 43)));

        Assert.Equal(401, problem.Status);
    }

    [Fact]
    public async Task A_valid_signature_over_a_body_that_is_not_an_assertion_is_a_400()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create());

        var problem = await Assert.ThrowsAsync<ProblemException>(() => PostAsync(rig, callId, "{\"score\": 2}"u8.ToArray()));

        Assert.Equal((400, "invalid-biometric-assertion"), (problem.Status, problem.Slug));
    }
}
