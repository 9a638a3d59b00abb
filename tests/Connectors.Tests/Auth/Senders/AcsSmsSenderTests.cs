using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Auth.Senders.Acs;
using Connectors.Simulators.AcsSms;
using Connectors.Simulators.Faults;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Senders;

/// <summary>The ACS sender against the ACS simulator: HMAC auth, repeatability, per-recipient results.</summary>
public sealed class AcsSmsSenderTests
{
    private const string To = "+14155550142";

    [Fact]
    public async Task A_message_is_signed_and_carries_the_outbox_id_and_first_sent_time_as_repeatability()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Acs);
        var sms = SenderRig.SmsTo(To);

        var result = await rig.Sms.SendAsync(sms, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var message = Assert.Single(rig.Acs.Messages);
        Assert.Equal((message.MessageId, To, sms.RequestId.ToString("D")), (result.ProviderMessageId, message.To, message.RepeatabilityRequestId));
        var body = JsonNode.Parse(Assert.Single(rig.Acs.Requests.Snapshot()).Body)!;
        Assert.Equal(sms.FirstSentAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture), body["smsRecipients"]![0]!["repeatabilityFirstSent"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(FaultKind.ServerError)]
    [InlineData(FaultKind.Throttle)]
    [InlineData(FaultKind.Drop)]
    [InlineData(FaultKind.LateAnswer)]
    public async Task Transient_failures_are_retried_with_the_same_repeatability_id_and_send_once(FaultKind fault)
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Acs);
        rig.Acs.Faults.Profile = new FaultProfile { RetryAfter = TimeSpan.FromMilliseconds(100), LateAnswerDelay = TimeSpan.FromSeconds(10) };
        rig.Acs.Script.Enqueue(fault);

        var result = await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var requests = rig.Acs.Requests.Snapshot();
        Assert.Equal(2, requests.Count);
        Assert.Single(requests.Select(r => JsonNode.Parse(r.Body)!["smsRecipients"]![0]!["repeatabilityRequestId"]!.GetValue<string>()).Distinct());
        var message = Assert.Single(rig.Acs.Messages);
        Assert.Equal(message.MessageId, result.ProviderMessageId);
    }

    [Fact]
    public async Task A_recipient_refused_inside_the_202_fails_as_a_rejected_destination()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Acs, acsOptions: new AcsSmsSimulatorOptions { RefusedRecipients = new HashSet<string> { To } });

        Assert.Equal(SendResult.Failed("invalid-destination", destinationRejected: true), await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None));
    }

    [Fact]
    public async Task A_recipient_unavailable_inside_the_202_fails_without_sending()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Acs);
        rig.Acs.UnavailableRecipients[To] = true;

        Assert.Equal(SendResult.Failed("recipient-503"), await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None));
        Assert.Empty(rig.Acs.Messages);
    }

    [Fact]
    public async Task A_wrong_access_key_is_denied()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Acs, new Dictionary<string, string?> { ["Sms:Acs:AccessKey"] = Convert.ToBase64String(new byte[32]) });

        Assert.Equal(SendResult.Failed("auth"), await rig.Sms.SendAsync(SenderRig.SmsTo(To), CancellationToken.None));
    }

    [Fact]
    public async Task The_simulator_answers_a_repeat_with_the_first_result_and_rejects_a_changed_or_stale_one()
    {
        await using var sim = await AcsSmsSimulator.StartAsync();
        var id = Guid.NewGuid().ToString("D");
        var now = DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        var first = await PostAsync(sim, To, "code 111111", id, now);
        var repeat = await PostAsync(sim, To, "code 111111", id, now);
        var changed = await PostAsync(sim, To, "code 222222", id, now);
        var stale = await PostAsync(sim, To, "code 333333", Guid.NewGuid().ToString("D"), DateTimeOffset.UtcNow.AddMinutes(-6).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        var malformed = await PostAsync(sim, To, "code 444444", "not-a-guid", now);

        Assert.Equal((202, true, "accepted"), Item(first));
        Assert.Equal((202, true, "accepted"), Item(repeat));
        Assert.Equal(first!["messageId"]!.GetValue<string>(), repeat!["messageId"]!.GetValue<string>());
        Assert.Equal((400, false, "rejected"), Item(changed));
        Assert.Equal((412, false, "rejected"), Item(stale));
        Assert.Equal((400, false, "rejected"), Item(malformed));
        Assert.Single(sim.Messages);
    }

    private static (int, bool, string?) Item(JsonNode? item) =>
        (item!["httpStatusCode"]!.GetValue<int>(), item["successful"]!.GetValue<bool>(), item["repeatabilityResult"]?.GetValue<string>());

    private static async Task<JsonNode?> PostAsync(AcsSmsSimulator sim, string to, string message, string id, string firstSent)
    {
        var key = Convert.FromBase64String(sim.Options.AccessKey);
        var uri = new Uri(sim.BaseAddress, "sms?api-version=2021-03-07");
        var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["from"] = "+18445550100",
            ["smsRecipients"] = new JsonArray(new JsonObject { ["to"] = to, ["repeatabilityRequestId"] = id, ["repeatabilityFirstSent"] = firstSent }),
            ["message"] = message,
        }.ToJsonString());
        var date = DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var (hash, authorization) = AcsRequestSigningHandler.Sign(key, "POST", uri, date, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-content-sha256", hash);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["value"]![0];
    }
}
