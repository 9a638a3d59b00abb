using System.Text.Json.Nodes;
using Connectors.Core.Auth.Senders;
using Connectors.Simulators.Faults;
using Connectors.Simulators.GraphMail;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Senders;

/// <summary>The Graph SDK, pointed at the Graph simulator (not replaced): token flow, sendMail, throttling, concurrency.</summary>
public sealed class GraphEmailSenderTests
{
    private const string To = "jordan.rivera@example.com";

    [Fact]
    public async Task Mail_goes_through_the_sdk_from_the_configured_mailbox_as_plain_text_not_saved()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);

        var first = await rig.Email.SendAsync(SenderRig.MailTo(To), CancellationToken.None);
        var second = await rig.Email.SendAsync(SenderRig.MailTo(To), CancellationToken.None);

        Assert.Equal((SendOutcome.Sent, SendOutcome.Sent), (first.Outcome, second.Outcome));
        var mail = rig.Graph.Mail[0];
        Assert.Equal(("verify@contoso.example", To, "text", false), (mail.Mailbox, Assert.Single(mail.To), mail.ContentType?.ToLowerInvariant(), mail.SaveToSentItems));
        Assert.Contains("123456", mail.Content, StringComparison.Ordinal);
        // One client-credentials token serves both sends.
        Assert.Equal(1, rig.Graph.TokensIssued);
        var sends = rig.Graph.Requests.Snapshot().Where(r => r.Target.EndsWith("/sendMail", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, r => Assert.StartsWith("Bearer sim.", r.Headers["Authorization"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after_and_sends_once()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);
        rig.Graph.Faults.Profile = new FaultProfile { RetryAfter = TimeSpan.FromSeconds(1) };
        rig.Graph.Script.Enqueue(FaultKind.Throttle);

        var result = await rig.Email.SendAsync(SenderRig.MailTo(To), CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Single(rig.Graph.Mail);
        var sends = rig.Graph.Requests.Snapshot().Where(r => r.Target.EndsWith("/sendMail", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sends.Count);
        Assert.True(sends[1].At - sends[0].At >= TimeSpan.FromMilliseconds(900), "the retry did not wait for Retry-After");
    }

    [Theory]
    [InlineData(FaultKind.ServerError, "server-error")]
    [InlineData(FaultKind.LateAnswer, "timeout")]
    public async Task Without_an_idempotency_key_a_5xx_or_a_timeout_is_unknown_and_not_retried(FaultKind fault, string reason)
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);
        rig.Graph.Faults.Profile = new FaultProfile { LateAnswerDelay = TimeSpan.FromSeconds(10) };
        rig.Graph.Script.Enqueue(fault);

        var result = await rig.Email.SendAsync(SenderRig.MailTo(To), CancellationToken.None);

        Assert.Equal(SendResult.Unknown(reason), result);
        static bool IsSend(string target) => target.EndsWith("/sendMail", StringComparison.Ordinal);
        await Wait.UntilAsync(() => rig.Graph.Requests.Snapshot().Any(r => IsSend(r.Target)), "Graph to log the send");
        Assert.Single(rig.Graph.Requests.Snapshot(), r => IsSend(r.Target));
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token_and_sends_nothing()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio, new Dictionary<string, string?> { ["Email:Graph:ClientSecret"] = "wrong" });

        Assert.Equal(SendResult.Failed("auth"), await rig.Email.SendAsync(SenderRig.MailTo(To), CancellationToken.None));
        Assert.DoesNotContain(rig.Graph.Requests.Snapshot(), r => r.Target.EndsWith("/sendMail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_recipient_is_a_rejected_destination()
    {
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio);

        Assert.Equal(SendResult.Failed("invalid-destination", destinationRejected: true),
            await rig.Email.SendAsync(SenderRig.MailTo("no-at-sign"), CancellationToken.None));
    }

    [Fact]
    public async Task Sends_stay_within_four_in_flight_per_mailbox_so_none_is_throttled()
    {
        // This test counts concurrency, not time: the rig's 3 s attempt timeout is a latency bound, and at the suite's
        // busiest moment on 2 cores a queued send once passed it (answered "unknown", not throttled). A loaded-machine bound.
        await using var rig = await SenderRig.StartAsync(SmsProvider.Twilio, new Dictionary<string, string?>
        {
            ["Email:Graph:Resilience:AttemptTimeout"] = "00:00:20",
            ["Email:Graph:Resilience:TotalTimeout"] = "00:00:40",
        });
        rig.Graph.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromMilliseconds(150), LatencyP99 = TimeSpan.FromMilliseconds(150) };

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => rig.Email.SendAsync(SenderRig.MailTo($"caller{i}@example.com"), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(12, rig.Graph.Mail.Count);
        Assert.InRange(rig.Graph.MaxObservedConcurrency, 1, 4);
        Assert.Equal(0, rig.Graph.ConcurrencyRefusals);
    }

    [Fact]
    public async Task The_simulator_throttles_a_fifth_concurrent_request_to_one_mailbox()
    {
        await using var sim = await GraphMailSimulator.StartAsync();
        sim.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromMilliseconds(300), LatencyP99 = TimeSpan.FromMilliseconds(300) };
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        using var tokenResponse = await http.PostAsync($"{sim.Options.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = sim.Options.ClientId,
            ["client_secret"] = sim.Options.ClientSecret,
            ["scope"] = "https://graph.microsoft.com/.default",
        }));
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1.0/users/verify@contoso.example/sendMail")
            {
                Content = new StringContent("{\"message\":{\"subject\":\"s\",\"body\":{\"contentType\":\"Text\",\"content\":\"c\"},\"toRecipients\":[{\"emailAddress\":{\"address\":\"a@example.com\"}}]}}",
                    System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta);
        }));

        Assert.Equal(4, statuses.Count(s => s.Item1 == 202));
        Assert.All(statuses.Where(s => s.Item1 != 202), s => Assert.Equal((429, TimeSpan.FromSeconds(1)), s));
    }
}
