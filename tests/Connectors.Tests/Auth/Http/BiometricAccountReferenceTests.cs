using System.Net;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Storage;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Http;

/// <summary>
/// A biometric vendor learns what to sign from the call's summary: the account reference of the selected account,
/// an opaque value bound to the call, which the verdict names as its <c>accountId</c>.
/// </summary>
public sealed class BiometricAccountReferenceTests : IClassFixture<TwilioStepUpHostFixture>
{
    private const string VendorSecret = "local-fake-biometric-vendor-secret-not-a-secret";
    private readonly StepUpHost _host;

    public BiometricAccountReferenceTests(TwilioStepUpHostFixture fixture)
    {
        _host = fixture.Host;
    }

    [Fact]
    public async Task A_verdict_naming_the_summarys_account_reference_raises_the_level_and_the_reference_reveals_no_account_id()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);

        using var summary = JsonDocument.Parse(await _host.Http.GetStringAsync($"/api/calls/{callId}"));
        var reference = summary.RootElement.GetProperty("accountReference").GetString()!;
        Assert.DoesNotContain(account.AccountId, summary.RootElement.GetRawText(), StringComparison.Ordinal);

        // The same account's reference on another call is another reference: a verdict cannot be carried across calls.
        var otherCall = await _host.SeedCallAsync(account);
        using var otherSummary = JsonDocument.Parse(await _host.Http.GetStringAsync($"/api/calls/{otherCall}"));
        var otherReference = otherSummary.RootElement.GetProperty("accountReference").GetString()!;
        Assert.NotEqual(reference, otherReference);
        using var carried = await SendVerdictAsync(callId, otherReference);
        await HttpAssert.ProblemAsync(carried, HttpStatusCode.UnprocessableEntity, "biometric-assertion-mismatch");

        using var passed = await SendVerdictAsync(callId, reference);
        var result = await HttpAssert.ResultAsync(passed);
        Assert.Equal((AuthOutcomes.Passed, AssuranceLevel.Biometric), (result.Outcome, result.Level));
    }

    private Task<HttpResponseMessage> SendVerdictAsync(string callId, string accountReference)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new BiometricAssertion(Guid.NewGuid().ToString(), callId, accountReference, "match", 0.95), ConnectorsJson.Options);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{callId}/auth/biometric") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(BiometricSignature.VendorHeaderName, "localvoice");
        request.Headers.Add(BiometricSignature.HeaderName, BiometricSignature.Sign(VendorSecret, _host.Clock.GetUtcNow().ToUnixTimeSeconds(), body));
        return _host.Http.SendAsync(request);
    }
}
