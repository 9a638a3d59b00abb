using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Baton;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Channels;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Retries;

/// <summary>
/// Issue 14 item 3: a platform's retry (same sender, same request id or idempotency token, same body) gets the first
/// answer again and changes nothing, counted in the tables and the Twilio simulator's own inbox; the same id with another
/// body is a 409; forged and stale requests stay 401. Over real HTTP against LocalHost, Azurite and the simulators.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PlatformRetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_webhook_sent_again_with_the_same_request_id_and_body_gets_the_first_answer_and_changes_nothing()
    {
        var prefix = AzuriteStorage.NewTablePrefix("rtw");
        await using var host = await StartAsync(prefix);
        var webhook = new ChannelDriver("webhook", host.Http);
        var call = "webhook-retry-" + Guid.NewGuid().ToString("N")[..12];
        await webhook.SendAsync(call, "connect", new() { ["callerNumber"] = SalesforceSeedData.AlicePhone });
        await host.WaitForFetchAsync(call);
        Dictionary<string, string> say = new() { ["speaker"] = "caller", ["text"] = "I was charged twice." };
        Dictionary<string, string> otp = new() { ["channel"] = "sms" };
        await webhook.SendAsync(call, "knowledge", new() { ["lastFour"] = "4242", ["billingZip"] = "94107" });

        var (firstSay, firstSayBody) = await SendAsync(webhook.SendWebhook(call, "say", say, "say-1", DateTimeOffset.UtcNow));
        var (firstOtp, firstOtpBody) = await SendAsync(webhook.SendWebhook(call, "otp-send", otp, "otp-1", DateTimeOffset.UtcNow));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (firstSay, firstOtp));
        var tables = await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix);
        var sms = host.Twilio.Messages.Count;

        // The sender lost the answers and sends both again, signed anew a little later.
        var (againSay, againSayBody) = await SendAsync(webhook.SendWebhook(call, "say", say, "say-1", DateTimeOffset.UtcNow.AddSeconds(5)));
        var (againOtp, againOtpBody) = await SendAsync(webhook.SendWebhook(call, "otp-send", otp, "otp-1", DateTimeOffset.UtcNow.AddSeconds(5)));

        Assert.Equal((firstSay, firstSayBody), (againSay, againSayBody));
        Assert.Equal((firstOtp, firstOtpBody), (againOtp, againOtpBody));
        Assert.Equal(tables, await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix));
        Assert.Equal(1, sms);
        Assert.Equal(sms, host.Twilio.Messages.Count);
        Assert.Single((await host.Services.GetRequiredService<BatonStore>().GetAsync(call, CancellationToken.None))!.Turns);

        // What the replay table keeps: first answers and keyed hashes, never the knowledge answer or the code sent.
        var code = System.Text.RegularExpressions.Regex.Match(host.Twilio.Messages.Single().Body, @"(?<!\d)\d{6}(?!\d)").Value;
        var replayRows = (await new AzuriteTableScanner(azurite.ConnectionString).EverythingAsync(prefix, CancellationToken.None))
            .Where(e => e.Table.EndsWith(Connectors.Core.Retries.RequestReplayStores.WebhookTable, StringComparison.Ordinal)).ToList();
        Assert.Equal(4, replayRows.Count); // connect, knowledge, say, otp-send
        var stored = string.Join('\n', replayRows.SelectMany(e => e.Entity.Select(p => p.Value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : p.Value?.ToString())));
        Assert.DoesNotContain("94107", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_id_sent_again_with_another_body_is_a_409_that_changes_nothing()
    {
        var prefix = AzuriteStorage.NewTablePrefix("rtm");
        await using var host = await StartAsync(prefix);
        var webhook = new ChannelDriver("webhook", host.Http);
        var twilio = new ChannelDriver("twilio", host.Http);
        var call = "webhook-reuse-" + Guid.NewGuid().ToString("N")[..12];
        var twilioCall = "CA" + Guid.NewGuid().ToString("N");
        await webhook.SendAsync(call, "connect", new() { ["callerNumber"] = SalesforceSeedData.AlicePhone });
        await twilio.SendAsync(twilioCall, "connect");
        await host.WaitForFetchAsync(call);
        await host.WaitForFetchAsync(twilioCall);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(webhook.SendWebhook(call, "say", new() { ["text"] = "first" }, "req-1", DateTimeOffset.UtcNow))).Status);
        await twilio.SendAsync(twilioCall, "say", new() { ["text"] = "first" }, retryKey: "token-1");
        var tables = await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix);

        var (webhookStatus, webhookBody) = await SendAsync(webhook.SendWebhook(call, "say", new() { ["text"] = "second" }, "req-1", DateTimeOffset.UtcNow));
        var (twilioStatus, twilioBody) = await SendAsync(twilio.SendTwilio(ChannelDriver.TwilioRequest(twilioCall, "say", new() { ["text"] = "second" }, "token-1")));

        Assert.Equal((HttpStatusCode.Conflict, "urn:connectors:problem:request-id-reused"), (webhookStatus, TypeOf(webhookBody)));
        Assert.Equal((HttpStatusCode.Conflict, "urn:connectors:problem:request-id-reused"), (twilioStatus, TypeOf(twilioBody)));
        Assert.Equal(tables, await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix));
        var batons = host.Services.GetRequiredService<BatonStore>();
        Assert.Equal(["first"], (await batons.GetAsync(call, CancellationToken.None))!.Turns.Select(t => t.Text));
        Assert.Equal(["first"], (await batons.GetAsync(twilioCall, CancellationToken.None))!.Turns.Select(t => t.Text));
    }

    [Fact]
    public async Task A_twilio_knowledge_answer_retried_with_its_token_counts_one_attempt()
    {
        var prefix = AzuriteStorage.NewTablePrefix("rtk");
        await using var host = await StartAsync(prefix);
        var twilio = new ChannelDriver("twilio", host.Http);
        var call = "CA" + Guid.NewGuid().ToString("N");
        await twilio.SendAsync(call, "connect");
        await host.WaitForFetchAsync(call);
        Dictionary<string, string> wrong = new() { ["lastFour"] = "1111", ["billingZip"] = "94107" };

        var first = await twilio.SendAsync(call, "knowledge", wrong, retryKey: "knowledge-1");
        var retried = await twilio.SendAsync(call, "knowledge", wrong, retryKey: "knowledge-1");

        Assert.Equal("failed", first["outcome"]);
        Assert.Equal(first, retried);
        Assert.Single((await host.Sessions.GetAsync(call, CancellationToken.None))!.Auth.Attempts, a => a.Method == AuthMethod.KnowledgeCheck);

        // A new token is a new answer from the caller, counted as such.
        var next = await twilio.SendAsync(call, "knowledge", wrong, retryKey: "knowledge-2");
        Assert.Equal(int.Parse(first["attemptsRemaining"], System.Globalization.CultureInfo.InvariantCulture) - 1,
            int.Parse(next["attemptsRemaining"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_twilio_otp_send_retried_with_its_token_answers_the_same_and_sends_one_sms()
    {
        await using var host = await StartAsync(AzuriteStorage.NewTablePrefix("rto"));
        var twilio = new ChannelDriver("twilio", host.Http);
        var call = "CA" + Guid.NewGuid().ToString("N");
        await twilio.SendAsync(call, "connect");
        await host.WaitForFetchAsync(call);
        await twilio.SendAsync(call, "knowledge", new() { ["lastFour"] = "4242", ["billingZip"] = "94107" });

        var first = await SendAsync(twilio.SendTwilio(ChannelDriver.TwilioRequest(call, "otp-send", new() { ["channel"] = "sms" }, "otp-token-1")));
        var retried = await SendAsync(twilio.SendTwilio(ChannelDriver.TwilioRequest(call, "otp-send", new() { ["channel"] = "sms" }, "otp-token-1")));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first, retried);
        Assert.Single(host.Twilio.Messages);
    }

    [Fact]
    public async Task Identical_retries_arriving_together_have_one_effect_and_one_answer()
    {
        await using var host = await StartAsync(AzuriteStorage.NewTablePrefix("rtc"));
        var twilio = new ChannelDriver("twilio", host.Http);
        var webhook = new ChannelDriver("webhook", host.Http);
        var call = "CA" + Guid.NewGuid().ToString("N");
        await twilio.SendAsync(call, "connect");
        await host.WaitForFetchAsync(call);
        await twilio.SendAsync(call, "knowledge", new() { ["lastFour"] = "4242", ["billingZip"] = "94107" });

        var otps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            SendAsync(twilio.SendTwilio(ChannelDriver.TwilioRequest(call, "otp-send", new() { ["channel"] = "sms" }, "otp-together")))));
        var says = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            SendAsync(webhook.SendWebhook(call, "say", new() { ["text"] = "once" }, "say-together", DateTimeOffset.UtcNow.AddSeconds(i)))));

        Assert.All(otps, answer => Assert.Equal(otps[0], answer));
        Assert.All(says, answer => Assert.Equal(says[0], answer));
        Assert.Equal(HttpStatusCode.OK, otps[0].Status);
        Assert.Equal(HttpStatusCode.OK, says[0].Status);
        Assert.Single(host.Twilio.Messages);
        Assert.Single((await host.Services.GetRequiredService<BatonStore>().GetAsync(call, CancellationToken.None))!.Turns);
    }

    [Fact]
    public async Task A_forged_or_stale_retry_of_an_answered_request_stays_a_401()
    {
        var prefix = AzuriteStorage.NewTablePrefix("rtf");
        await using var host = await StartAsync(prefix);
        var webhook = new ChannelDriver("webhook", host.Http);
        var twilio = new ChannelDriver("twilio", host.Http);
        var call = "CA" + Guid.NewGuid().ToString("N");
        await twilio.SendAsync(call, "connect");
        await host.WaitForFetchAsync(call);
        await twilio.SendAsync(call, "say", new() { ["text"] = "hello" }, retryKey: "say-token");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(webhook.SendWebhook(call, "say", new() { ["text"] = "again" }, "say-req", DateTimeOffset.UtcNow))).Status);
        var tables = await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix);

        var refused = await Task.WhenAll(
            SendAsync(webhook.SendWebhook(call, "say", new() { ["text"] = "again" }, "say-req", DateTimeOffset.UtcNow.AddMinutes(-6))),
            SendAsync(webhook.SendWebhook(call, "say", new() { ["text"] = "again" }, "say-req", DateTimeOffset.UtcNow, body => [.. body.Select(b => b == (byte)'g' ? (byte)'G' : b)])),
            SendAsync(twilio.SendTwilio(ChannelDriver.TwilioRequest(call, "say", new() { ["text"] = "hello" }, "say-token", authToken: "someone-elses-auth-token"))));

        Assert.All(refused, answer => Assert.Equal((HttpStatusCode.Unauthorized, "urn:connectors:problem:invalid-signature"), (answer.Status, TypeOf(answer.Body))));
        Assert.Equal(tables, await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix));
    }

    [Fact]
    public async Task A_json_api_knowledge_answer_or_passcode_send_retried_with_its_idempotency_key_counts_once()
    {
        await using var host = await StartAsync(AzuriteStorage.NewTablePrefix("rta"));
        var call = "json-retry-" + Guid.NewGuid().ToString("N")[..12];
        using (var connect = await host.Http.PostAsJsonAsync($"api/calls/{call}/connect", new { platform = "twilio", callerNumber = SalesforceSeedData.AlicePhone }))
        {
            Assert.Equal(HttpStatusCode.Accepted, connect.StatusCode);
        }

        await host.WaitForFetchAsync(call);
        Task<(HttpStatusCode Status, string Body)> PostAsync(string action, object body, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"api/calls/{call}/auth/{action}") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return SendAsync(host.Http.SendAsync(request));
        }

        var wrong = await PostAsync("knowledge", new { lastFour = "1111", billingZip = "94107" }, "knowledge-1");
        var wrongAgain = await PostAsync("knowledge", new { lastFour = "1111", billingZip = "94107" }, "knowledge-1");
        var reused = await PostAsync("knowledge", new { lastFour = "4242", billingZip = "94107" }, "knowledge-1");
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Equal(wrong, wrongAgain);
        Assert.Equal((HttpStatusCode.Conflict, "urn:connectors:problem:request-id-reused"), (reused.Status, TypeOf(reused.Body)));
        Assert.Single((await host.Sessions.GetAsync(call, CancellationToken.None))!.Auth.Attempts, a => a.Method == AuthMethod.KnowledgeCheck);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("knowledge", new { lastFour = "4242", billingZip = "94107" }, "knowledge-2")).Status);
        var sent = await PostAsync("otp", new { channel = "sms" }, "otp-1");
        var sentAgain = await PostAsync("otp", new { channel = "sms" }, "otp-1");
        Assert.Equal(HttpStatusCode.Accepted, sent.Status);
        Assert.Equal(sent, sentAgain);
        Assert.Single(host.Twilio.Messages);
    }

    [Fact]
    public async Task LocalHost_runs_every_sweep_and_the_replay_expiry_on_its_one_periodic_job_host()
    {
        await using var host = await StartAsync(AzuriteStorage.NewTablePrefix("rtj"));

        var jobs = host.Services.GetServices<Connectors.Core.Hosting.IPeriodicJob>().Select(j => j.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["abandoned-call-sweep", "baton-sweep", "completed-wrap-up-purge", "daily-digest", "event-delivery", "request-replay-sweep"], jobs);
        Assert.Single(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Connectors.LocalHost.PeriodicJobHost>());
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? TypeOf(string problem) =>
        JsonDocument.Parse(problem).RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;

    private static Task<CallContractHost> StartAsync(string prefix)
    {
        var settings = ChannelDriver.Settings();
        settings["Storage:TablePrefix"] = prefix;
        // Generous on a loaded machine: a duplicate waits for the first answer rather than meeting request-in-progress.
        settings["Retries:InProgressWait"] = "00:00:30";
        return CallContractHost.StartAsync(AzuriteStorage.ConnectionString, settings);
    }
}
