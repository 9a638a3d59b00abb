using Connectors.Core.Auth.Senders;
using Connectors.Simulators.Faults;
using Connectors.Simulators.TwilioMessaging;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Senders;

/// <summary>The Twilio sender against the Twilio simulator over HTTP: outcomes, and what its pipeline may retry.</summary>
public sealed class TwilioSmsSenderTests
{
    private const string To = "+14155550142";

    [Fact]
    public async Task An_accepted_message_is_sent_with_the_configured_number_basic_auth_and_a_validity_period()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);

        var result = await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var message = Assert.Single(rig.Twilio.Messages);
        Assert.Equal(message.Sid, result.ProviderMessageId);
        Assert.Equal((To, "+15005550006", 300), (message.To, message.From, message.ValidityPeriod));
        Assert.StartsWith("Basic ", Assert.Single(rig.Twilio.Requests.Snapshot()).Headers["Authorization"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid", "invalid-destination")]
    [InlineData("landline", "not-sms-capable")]
    [InlineData("opted-out", "opted-out")]
    [InlineData("abroad", "region-not-enabled")]
    public async Task A_destination_twilio_refuses_fails_once_as_rejected(string kind, string reason)
    {
        var to = kind == "abroad" ? "+442079460958" : To;
        var sim = new TwilioMessagingSimulatorOptions
        {
            InvalidNumbers = kind == "invalid" ? new HashSet<string> { To } : new HashSet<string>(),
            NotSmsCapable = kind == "landline" ? new HashSet<string> { To } : new HashSet<string>(),
            OptedOut = kind == "opted-out" ? new HashSet<string> { To } : new HashSet<string>(),
        };
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio, twilioOptions: sim);

        var result = await rig.Sms.SendAsync(SenderRig.SmsTo(to), CancellationToken.None);

        Assert.Equal(SendResult.Failed(reason, destinationRejected: true), result);
        Assert.Equal(1, rig.Twilio.Requests.Count);
        Assert.Empty(rig.Twilio.Messages);
    }

    [Fact]
    public async Task A_20429_is_retried_because_twilio_did_nothing_and_the_retry_sends_once()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);
        rig.Twilio.Faults.Profile = new FaultProfile { RetryAfter = TimeSpan.FromMilliseconds(100) };
        rig.Twilio.Script.Enqueue(FaultKind.Throttle);

        var result = await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(2, rig.Twilio.Requests.Count);
        Assert.Single(rig.Twilio.Messages);
    }

    [Fact]
    public async Task Throttling_that_persists_fails_the_send_as_throttled_after_the_allowed_retries()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);
        rig.Twilio.Faults.Profile = new FaultProfile { ThrottleRate = 1, RetryAfter = TimeSpan.FromMilliseconds(50) };

        var result = await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None);

        Assert.Equal(SendResult.Failed("throttled"), result);
        Assert.Equal(3, rig.Twilio.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_after_twilio_took_the_message_is_unknown_and_never_retried()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);
        rig.Twilio.Faults.Profile = new FaultProfile { LateAnswerDelay = TimeSpan.FromSeconds(10) };
        rig.Twilio.Script.Enqueue(FaultKind.LateAnswer);

        var result = await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None);

        Assert.Equal(SendResult.Unknown("timeout"), result);
        await Wait.UntilAsync(() => rig.Twilio.Requests.Count > 0, "Twilio to log the late send");
        Assert.Equal(1, rig.Twilio.Requests.Count);
        // The case the outbox exists for: the message went, the answer did not.
        Assert.Single(rig.Twilio.Messages);
    }

    [Theory]
    [InlineData(FaultKind.ServerError, "server-error")]
    [InlineData(FaultKind.Drop, "connection-failed")]
    public async Task A_server_error_or_dropped_connection_is_unknown_and_never_retried(FaultKind fault, string reason)
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);
        rig.Twilio.Script.Enqueue(fault);

        var result = await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None);

        Assert.Equal(SendResult.Unknown(reason), result);
        Assert.Equal(1, rig.Twilio.Requests.Count);
    }

    [Fact]
    public async Task A_wrong_auth_token_fails_as_auth()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio, new Dictionary<string, string?> { ["Sms:Twilio:AuthToken"] = "wrong" });

        Assert.Equal(SendResult.Failed("auth"), await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_connection_never_reached_twilio_so_it_fails_definitely()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio, new Dictionary<string, string?> { ["Sms:Twilio:BaseUrl"] = "http://127.0.0.1:1/" });

        Assert.Equal(SendResult.Failed("connection-refused"), await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None));
    }
}
