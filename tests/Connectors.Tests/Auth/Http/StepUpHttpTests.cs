using System.Net;
using System.Text;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Storage;
using Connectors.Simulators.Faults;
using Connectors.Tests.Auth.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Auth.Http;

/// <summary>
/// The gate's methods end to end over real HTTP: LocalHost on Kestrel, the Twilio and Graph simulators.
/// "Opens" is asserted on the session's level for the selected account and its passes (the gated read
/// of the screen-pop issue reads exactly these).
/// </summary>
public sealed class StepUpHttpTests : IClassFixture<TwilioStepUpHostFixture>
{
    private readonly StepUpHost _host;

    public StepUpHttpTests(TwilioStepUpHostFixture fixture)
    {
        _host = fixture.Host;
    }

    private Task<HttpResponseMessage> PostAsync(string callId, string method, object body) =>
        _host.PostAsync($"/api/calls/{callId}/auth/{method}", body);

    private async Task<AssuranceLevel> LevelAsync(string callId)
    {
        var session = await _host.SessionAsync(callId);
        return session.Auth.LevelFor(session.SelectedAccountId);
    }

    private string LastSmsTo(string number) => Codes.In(_host.Twilio.Messages.Last(m => m.To == number).Body);

    [Fact]
    public async Task The_knowledge_check_raises_the_level_only_when_the_answers_match()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);

        var wrong = await HttpAssert.ResultAsync(await PostAsync(callId, "knowledge", new { lastFour = "4242", billingZip = "10001" }));
        Assert.Equal((AuthOutcomes.Failed, AssuranceLevel.None), (wrong.Outcome, wrong.Level));
        Assert.Equal(AssuranceLevel.None, await LevelAsync(callId));

        var right = await HttpAssert.ResultAsync(await PostAsync(callId, "knowledge", new { lastFour = "4242", billingZip = "94105-0001" }));
        Assert.Equal((AuthOutcomes.Passed, AssuranceLevel.Knowledge), (right.Outcome, right.Level));
        var session = await _host.SessionAsync(callId);
        Assert.Equal(AssuranceLevel.Knowledge, session.Auth.LevelFor(account.AccountId));
        Assert.Equal([AuthMethod.KnowledgeCheck], session.Auth.MethodsPassedFor(account.AccountId));
        Assert.Equal([AuthOutcomes.Failed, AuthOutcomes.Passed], session.Auth.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task Knowledge_brute_force_stops_at_the_per_call_limit()
    {
        var callId = await _host.SeedCallAsync(TestAccount.Create());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(AuthOutcomes.Failed, (await HttpAssert.ResultAsync(await PostAsync(callId, "knowledge", new { lastFour = $"000{i}", billingZip = "94105" }))).Outcome);
        }

        await HttpAssert.ProblemAsync(await PostAsync(callId, "knowledge", new { lastFour = "4242", billingZip = "94105" }), HttpStatusCode.TooManyRequests, "auth-locked-out");
        Assert.Equal(AssuranceLevel.None, await LevelAsync(callId));
    }

    [Fact]
    public async Task Without_a_selected_account_every_method_answers_409()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account, select: false);

        await HttpAssert.ProblemAsync(await PostAsync(callId, "knowledge", new { lastFour = "4242", billingZip = "94105" }), HttpStatusCode.Conflict, VerificationSubject.NoAccountSlug);
        await HttpAssert.ProblemAsync(await PostAsync(callId, "otp", new { channel = "sms" }), HttpStatusCode.Conflict, VerificationSubject.NoAccountSlug);
        await HttpAssert.ProblemAsync(await PostAsync(callId, "otp/verify", new { code = "123456" }), HttpStatusCode.Conflict, VerificationSubject.NoAccountSlug);
        Assert.DoesNotContain(_host.Twilio.Messages, m => m.To == account.Mobile);
    }

    [Fact]
    public async Task The_sms_goes_to_the_number_on_file_even_when_the_request_names_another_and_its_code_opens_possession()
    {
        var account = TestAccount.Create();
        var decoy = TestAccount.OtherMobile();
        var callId = await _host.SeedCallAsync(account);

        var sent = await HttpAssert.JsonAsync<PasscodeSendResponse>(
            await PostAsync(callId, "otp", new { channel = "sms", to = decoy, phoneNumber = decoy, destination = decoy }), HttpStatusCode.Accepted);

        Assert.Equal(("***" + account.Mobile[^4..], "sent"), (sent.MaskedDestination, sent.Delivery));
        Assert.Single(_host.Twilio.Messages, m => m.To == account.Mobile);
        Assert.DoesNotContain(_host.Twilio.Messages, m => m.To == decoy);

        var verified = await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code = LastSmsTo(account.Mobile) }));
        Assert.Equal((AuthOutcomes.Passed, AssuranceLevel.Possession), (verified.Outcome, verified.Level));
        var pass = Assert.Single((await _host.SessionAsync(callId)).Auth.Passes);
        Assert.Equal((AuthMethod.SmsPasscode, account.AccountId), (pass.Method, pass.AccountId));
    }

    [Fact]
    public async Task A_second_send_inside_the_cool_down_is_refused()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        await HttpAssert.JsonAsync<PasscodeSendResponse>(await PostAsync(callId, "otp", new { channel = "sms" }), HttpStatusCode.Accepted);

        await HttpAssert.ProblemAsync(await PostAsync(callId, "otp", new { channel = "sms" }), HttpStatusCode.TooManyRequests, "otp-resend-cooldown");

        Assert.Single(_host.Twilio.Messages, m => m.To == account.Mobile);
    }

    [Fact]
    public async Task A_send_that_times_out_is_recorded_unknown_and_not_repeated_and_a_resend_makes_a_new_code()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        _host.Twilio.Faults.Profile = new FaultProfile { LateAnswerDelay = TimeSpan.FromSeconds(20) };
        _host.Twilio.Script.Enqueue(FaultKind.LateAnswer);

        var first = await HttpAssert.JsonAsync<PasscodeSendResponse>(await PostAsync(callId, "otp", new { channel = "sms" }), HttpStatusCode.Accepted);

        Assert.Equal("unknown", first.Delivery);
        bool ToTheMobile(string body) => body.Contains(Uri.EscapeDataString(account.Mobile), StringComparison.Ordinal);
        await Wait.UntilAsync(() => _host.Twilio.Requests.Snapshot().Any(r => ToTheMobile(r.BodyWithoutMessage)), "Twilio to log the timed-out send");
        Assert.Single(_host.Twilio.Requests.Snapshot(), r => ToTheMobile(r.BodyWithoutMessage));
        var outbox = await _host.Services.GetRequiredService<PasscodeOutbox>().ForCallAsync(callId, CancellationToken.None);
        Assert.Equal((OutboxStatus.Unknown, "timeout"), (Assert.Single(outbox).Status, outbox[0].Reason));

        await HttpAssert.ProblemAsync(await PostAsync(callId, "otp", new { channel = "sms" }), HttpStatusCode.TooManyRequests, "otp-resend-cooldown");

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await HttpAssert.JsonAsync<PasscodeSendResponse>(await PostAsync(callId, "otp", new { channel = "sms" }), HttpStatusCode.Accepted);
        Assert.Equal(("sent", 2), (second.Delivery, second.SendNumber));
        var messages = _host.Twilio.Messages.Where(m => m.To == account.Mobile).ToList();
        Assert.Equal(2, messages.Count);
        var (lateCode, newCode) = (Codes.In(messages[0].Body), Codes.In(messages[1].Body));
        if (lateCode != newCode)
        {
            Assert.Equal(AuthOutcomes.Failed, (await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code = lateCode }))).Outcome);
        }

        Assert.Equal(AuthOutcomes.Passed, (await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code = newCode }))).Outcome);
    }

    [Fact]
    public async Task An_expired_code_fails()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        await PostAsync(callId, "otp", new { channel = "sms" });

        _host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var result = await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code = LastSmsTo(account.Mobile) }));
        Assert.Equal((AuthOutcomes.Expired, AssuranceLevel.None), (result.Outcome, result.Level));
    }

    [Fact]
    public async Task A_used_code_fails_the_second_time()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        await PostAsync(callId, "otp", new { channel = "sms" });
        var code = LastSmsTo(account.Mobile);

        Assert.Equal(AuthOutcomes.Passed, (await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code }))).Outcome);
        Assert.Equal(AuthOutcomes.Used, (await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code }))).Outcome);
    }

    [Fact]
    public async Task Another_calls_code_fails()
    {
        var account = TestAccount.Create(email: null);
        var callA = await _host.SeedCallAsync(account);
        var callB = await _host.SeedCallAsync(account);
        await PostAsync(callA, "otp", new { channel = "sms" });
        var codeA = LastSmsTo(account.Mobile);
        await PostAsync(callB, "otp", new { channel = "email" });
        var codeB = Codes.In(_host.Graph.Mail.Last(m => m.To.Contains(account.Email)).Content!);

        if (codeA != codeB)
        {
            Assert.Equal(AuthOutcomes.Failed, (await HttpAssert.ResultAsync(await PostAsync(callB, "otp/verify", new { code = codeA }))).Outcome);
        }

        Assert.Equal(AssuranceLevel.None, await LevelAsync(callB));
        Assert.Equal(AuthOutcomes.Passed, (await HttpAssert.ResultAsync(await PostAsync(callB, "otp/verify", new { code = codeB }))).Outcome);
    }

    [Fact]
    public async Task Brute_force_on_a_code_stops_after_five_tries()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        await PostAsync(callId, "otp", new { channel = "sms" });
        var code = LastSmsTo(account.Mobile);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(AuthOutcomes.Failed, (await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code = Codes.Other(code) }))).Outcome);
        }

        Assert.Equal(AuthOutcomes.TooManyTries, (await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code }))).Outcome);
        Assert.Equal(AssuranceLevel.None, await LevelAsync(callId));
    }

    [Fact]
    public async Task An_email_code_goes_to_the_address_on_file_in_the_callers_language()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{callId}/auth/otp")
        {
            Content = new StringContent("{\"channel\":\"email\",\"email\":\"attacker@example.net\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");

        var sent = await HttpAssert.JsonAsync<PasscodeSendResponse>(await _host.Http.SendAsync(request), HttpStatusCode.Accepted);

        Assert.Equal(account.Email[0] + "***@example.com", sent.MaskedDestination);
        var mail = _host.Graph.Mail.Last(m => m.To.Contains(account.Email));
        Assert.StartsWith("Su código", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Graph.Mail, m => m.To.Contains("attacker@example.net"));
        var verified = await HttpAssert.ResultAsync(await PostAsync(callId, "otp/verify", new { code = Codes.In(mail.Content!) }));
        Assert.Equal(AuthOutcomes.Passed, verified.Outcome);
        Assert.True((await _host.SessionAsync(callId)).Auth.HasPassed(AuthMethod.EmailPasscode, account.AccountId));
    }

    [Fact]
    public async Task A_number_outside_the_allow_list_gets_no_sms()
    {
        var account = TestAccount.Create(mobile: "+442079460958");
        var callId = await _host.SeedCallAsync(account);

        await HttpAssert.ProblemAsync(await PostAsync(callId, "otp", new { channel = "sms" }), HttpStatusCode.UnprocessableEntity, "sms-country-not-allowed");

        Assert.DoesNotContain(_host.Twilio.Messages, m => m.To == account.Mobile);
    }

    [Fact]
    public async Task A_biometric_match_opens_the_biometric_level_its_retry_gets_the_same_answer_and_forged_stale_or_reused_ones_are_refused()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        var body = JsonSerializer.SerializeToUtf8Bytes(new BiometricAssertion(Guid.NewGuid().ToString(), callId, account.AccountId, "match", 0.97), ConnectorsJson.Options);
        var now = _host.Clock.GetUtcNow().ToUnixTimeSeconds();
        const string secret = "local-fake-biometric-vendor-secret-not-a-secret";

        await HttpAssert.ProblemAsync(await PostBiometricAsync(callId, body, BiometricSignature.Sign(new string('x', 40), now, body)), HttpStatusCode.Unauthorized, "biometric-signature-invalid");
        await HttpAssert.ProblemAsync(await PostBiometricAsync(callId, body, BiometricSignature.Sign(secret, now - 301, body)), HttpStatusCode.Unauthorized, "biometric-assertion-stale");
        Assert.Equal(AssuranceLevel.None, await LevelAsync(callId));

        var passed = await HttpAssert.ResultAsync(await PostBiometricAsync(callId, body, BiometricSignature.Sign(secret, now, body)));
        Assert.Equal((AuthOutcomes.Passed, AssuranceLevel.Biometric), (passed.Outcome, passed.Level));

        var retried = await HttpAssert.ResultAsync(await PostBiometricAsync(callId, body, BiometricSignature.Sign(secret, now + 1, body)));
        Assert.Equal(passed, retried);
        var other = JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<BiometricAssertion>(body, ConnectorsJson.Options)! with { Score = 0.99 }, ConnectorsJson.Options);
        await HttpAssert.ProblemAsync(await PostBiometricAsync(callId, other, BiometricSignature.Sign(secret, now + 2, other)), HttpStatusCode.Conflict, "request-id-reused");
        var session = await _host.SessionAsync(callId);
        Assert.Equal([AuthOutcomes.SignatureInvalid, AuthOutcomes.Stale, AuthOutcomes.Passed, AuthOutcomes.Replayed], session.Auth.Attempts.Select(a => a.Outcome));
        Assert.Single(session.Auth.Passes);
    }

    private Task<HttpResponseMessage> PostBiometricAsync(string callId, byte[] body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{callId}/auth/biometric") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(BiometricSignature.VendorHeaderName, "localvoice");
        request.Headers.Add(BiometricSignature.HeaderName, signature);
        return _host.Http.SendAsync(request);
    }
}
