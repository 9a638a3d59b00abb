using System.Net;
using System.Text.Json.Nodes;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Passcodes;
using Connectors.Simulators.Faults;
using Connectors.Tests.Auth.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Auth.Http;

/// <summary>The SMS code end to end with Azure Communication Services chosen by configuration.</summary>
public sealed class StepUpAcsHttpTests : IClassFixture<AcsStepUpHostFixture>
{
    private readonly StepUpHost _host;

    public StepUpAcsHttpTests(AcsStepUpHostFixture fixture)
    {
        _host = fixture.Host;
    }

    [Fact]
    public async Task An_sms_code_through_acs_reaches_the_number_on_file_and_opens_possession()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);

        var sent = await HttpAssert.JsonAsync<PasscodeSendResponse>(
            await _host.PostAsync($"/api/calls/{callId}/auth/otp", new { channel = "sms", to = TestAccount.OtherMobile() }), HttpStatusCode.Accepted);

        Assert.Equal("sent", sent.Delivery);
        var message = Assert.Single(_host.Acs.Messages, m => m.To == account.Mobile);
        Assert.Empty(_host.Twilio.Requests.Snapshot());
        var result = await HttpAssert.ResultAsync(await _host.PostAsync($"/api/calls/{callId}/auth/otp/verify", new { code = Codes.In(message.Message) }));
        Assert.Equal((AuthOutcomes.Passed, AssuranceLevel.Possession), (result.Outcome, result.Level));
    }

    [Fact]
    public async Task A_send_whose_answer_was_lost_is_retried_under_its_repeatability_id_and_delivered_once()
    {
        var account = TestAccount.Create();
        var callId = await _host.SeedCallAsync(account);
        _host.Acs.Faults.Profile = new FaultProfile { LateAnswerDelay = TimeSpan.FromSeconds(20) };
        _host.Acs.Script.Enqueue(FaultKind.LateAnswer);

        var sent = await HttpAssert.JsonAsync<PasscodeSendResponse>(await _host.PostAsync($"/api/calls/{callId}/auth/otp", new { channel = "sms" }), HttpStatusCode.Accepted);

        Assert.Equal("sent", sent.Delivery);
        Assert.Single(_host.Acs.Messages, m => m.To == account.Mobile);
        var attempts = _host.Acs.Requests.Snapshot()
            .Where(r => r.MessageText is not null && JsonNode.Parse(r.Body)!["smsRecipients"]![0]!["to"]!.GetValue<string>() == account.Mobile)
            .ToList();
        Assert.Equal(2, attempts.Count);
        var ids = attempts.Select(r => JsonNode.Parse(r.Body)!["smsRecipients"]![0]!["repeatabilityRequestId"]!.GetValue<string>()).Distinct().ToList();
        var outbox = Assert.Single(await _host.Services.GetRequiredService<PasscodeOutbox>().ForCallAsync(callId, CancellationToken.None));
        Assert.Equal(outbox.RequestId.ToString("D"), Assert.Single(ids));
        Assert.Equal(OutboxStatus.Sent, outbox.Status);
    }
}
