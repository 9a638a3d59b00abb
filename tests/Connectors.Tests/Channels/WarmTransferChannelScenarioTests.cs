using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Core.Baton;
using Connectors.Core.Crm;
using Connectors.Core.Observability;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Channels;

/// <summary>
/// Issue 10's "done when": the billing call driven through each platform adapter, in the platform's own shape and
/// signature, against LocalHost, Azurite and the Salesforce and Twilio SMS simulators, then the human's view of it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class WarmTransferChannelScenarioTests(AzuriteFixture azurite)
{
    private const string Card = "4242424242424242";
    private static readonly string[] CardForms = [Card, "4242 4242 4242 4242", "4242-4242-4242-4242", "four two four two four two four two four two four two four two four two"];

    [Theory]
    [InlineData("amazon-connect")]
    [InlineData("twilio")]
    [InlineData("webhook")]
    public async Task The_billing_call_through_the_adapter_hands_the_human_the_whole_story_and_no_card_number_anywhere(string platform)
    {
        var prefix = AzuriteStorage.NewTablePrefix("wt");
        await using var host = await StartAsync(prefix);
        using var transfers = ListenToTransfers(host);
        var driver = new ChannelDriver(platform, host.Http);
        var call = platform == "twilio" ? "CA" + Guid.NewGuid().ToString("N") : $"{platform}-billing-{Guid.NewGuid():N}"[..40];

        Assert.Equal("connected", (await driver.SendAsync(call, "connect", new() { ["callerNumber"] = SalesforceSeedData.AlicePhone }))["status"]);
        await host.WaitForFetchAsync(call);
        Assert.Equal("passed", (await driver.SendAsync(call, "knowledge", new() { ["lastFour"] = "4242", ["billingZip"] = "94107" }))["outcome"]);
        var balance = await driver.SendAsync(call, "read", new() { ["for"] = "balance" });
        Assert.Equal("ok", balance["status"]);
        Assert.Equal("1523.45", balance["balance"]);
        Assert.Equal("denied", (await driver.SendAsync(call, "read", new() { ["for"] = "payment" }))["status"]);

        Assert.Equal("sent", (await driver.SendAsync(call, "otp-send", new() { ["channel"] = "sms" }))["status"]);
        var code = SixDigits().Match(host.Twilio.Messages.Last(m => m.To == SalesforceSeedData.AlicePhone).Body).Value;
        await driver.SendAsync(call, "say", new() { ["speaker"] = "bot", ["text"] = "What is the code we just texted you?" });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "It's " + string.Join(' ', code.ToCharArray()) });
        Assert.Equal("passed", (await driver.SendAsync(call, "otp-verify", new() { ["code"] = code }))["outcome"]);
        Assert.Equal("ok", (await driver.SendAsync(call, "read", new() { ["for"] = "payment" }))["status"]);

        await driver.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "I was charged twice, 59 dollars on the fifth." });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "bot", ["text"] = "Which card was charged?" });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "four two four two four two four two four two four two four two four two" });
        await driver.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "I mean 4242 4242 4242 4242, the one ending 4242." });
        await driver.SendAsync(call, "say", new()
        {
            ["intent"] = "duplicate-charge dispute",
            ["summary"] = "Caller disputes a duplicate $59.00 charge on the 5th.",
            ["amount"] = "59.00",
            ["currency"] = "USD",
            ["amountLabel"] = "duplicate charge",
        });

        var transfer = await driver.SendAsync(call, "transfer", new() { ["reason"] = "billing-dispute", ["target"] = "billing-disputes" });
        Assert.Equal("transferred", transfer["status"]);
        Assert.Equal("true", transfer["complete"]);
        var answered = await driver.SendAsync(call, "answered", new() { ["agentId"] = "agent-7" });
        Assert.Equal("answered", answered["status"]);
        Assert.Equal("Contact", answered["recordType"]);

        var pageUrl = new Uri(transfer["baton_url"]);
        var token = pageUrl.Segments[^2].TrimEnd('/');
        using var viewResponse = await host.Http.GetAsync($"api/batons/{token}");
        var viewText = await viewResponse.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(viewText).RootElement;
        using var pageResponse = await host.Http.GetAsync($"api/batons/{token}/view");
        var page = await pageResponse.Content.ReadAsStringAsync();

        var session = await host.Sessions.GetAsync(call, CancellationToken.None);
        Assert.Equal(session!.SelectedAccountId, view.GetProperty("accountId").GetString());
        Assert.Equal("possession", view.GetProperty("verificationLevel").GetString());
        Assert.Equal("duplicate-charge dispute", view.GetProperty("intent").GetString());
        Assert.Equal(59.00m, view.GetProperty("amounts")[0].GetProperty("value").GetDecimal());
        Assert.Equal("USD", view.GetProperty("amounts")[0].GetProperty("currency").GetString());
        Assert.Equal("Alice Johnson", view.GetProperty("account").GetProperty("displayName").GetString());
        var transcript = view.GetProperty("transcript").EnumerateArray().Select(t => t.GetProperty("text").GetString()!).ToList();
        Assert.Contains("I was charged twice, 59 dollars on the fifth.", transcript);
        Assert.Contains(BatonRedactor.CardMarker, transcript);
        Assert.Contains("It's " + BatonRedactor.CodeMarker, transcript);
        Assert.Contains("I was charged twice, 59 dollars on the fifth.", page, StringComparison.Ordinal);
        Assert.Contains("possession", page, StringComparison.Ordinal);
        Assert.Equal(1, transfers.Count("true"));

        // The call ends through the same adapter: the durable wrap-up records it once, drafted from the baton, with the
        // redacted transcript as its note (counted in the Salesforce simulator's own records).
        Assert.Equal("ended", (await driver.SendAsync(call, "end", new() { ["reason"] = "caller-hung-up" }))["status"]);
        var dispositionKey = IdempotencyKey.For(call, "disposition");
        SalesforceRecord[] Dispositions() => [.. host.Salesforce.Org.Records("Task").Where(r => r.Text("CallLog_Key__c") == dispositionKey)];
        SalesforceRecord[] Notes() => [.. host.Salesforce.Org.Records("Call_Note__c").Where(n => Dispositions().Any(d => d.Id == n.Text("Related_Record_Id__c")))];
        await Wait.UntilAsync(() => Notes().Length > 0, "the call's disposition and its note in Salesforce", TimeSpan.FromSeconds(90));

        var disposition = Assert.Single(Dispositions());
        Assert.Equal("BILLING_DISPUTE_CREDIT", disposition.Text("CallDisposition"));
        Assert.Contains("duplicate-charge dispute", disposition.Text("Description"), StringComparison.Ordinal);
        Assert.Contains("59.00 USD", disposition.Text("Description"), StringComparison.Ordinal);
        var note = Assert.Single(Notes()).Text("Body__c");
        Assert.Contains("I was charged twice, 59 dollars on the fifth.", note, StringComparison.Ordinal);
        Assert.Contains(BatonRedactor.CardMarker, note, StringComparison.Ordinal);

        // No full card number (nor the passcode) in any table, answer, log, simulator record or the page.
        var places = new Dictionary<string, string>
        {
            ["tables"] = await TableSnapshot.ValuesAsync(azurite.ConnectionString, prefix),
            ["answers"] = string.Join('\n', driver.Answers) + viewText,
            ["logs"] = host.Logs.AllText(),
            ["salesforce"] = JsonSerializer.Serialize(host.Salesforce.Requests),
            ["page"] = page,
        };
        foreach (var (place, text) in places)
        {
            foreach (var form in CardForms)
            {
                Assert.DoesNotContain(form, text, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotMatch($"(?<!\\d){code}(?!\\d)", text);
            Assert.DoesNotContain(token, place == "answers" ? string.Join('\n', driver.Answers.Where(a => !a.Contains("baton_url", StringComparison.Ordinal))) : text, StringComparison.Ordinal);
        }

        Assert.All(host.Twilio.Messages, m => Assert.DoesNotContain(Card, m.Body, StringComparison.Ordinal));
        PageArtifacts.Save($"agent-page-{platform}.html", page);
    }

    [Fact]
    public async Task A_forged_twilio_request_is_a_401_that_changes_no_table_and_sends_nothing()
    {
        var prefix = AzuriteStorage.NewTablePrefix("wtf");
        await using var host = await StartAsync(prefix);
        var twilio = new ChannelDriver("twilio", host.Http);
        const string call = "CA00000000000000000000000000forged";
        await twilio.SendAsync(call, "connect");
        await host.WaitForFetchAsync(call);
        await twilio.SendAsync(call, "knowledge", new() { ["lastFour"] = "4242", ["billingZip"] = "94107" });
        var before = await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix);
        var sent = host.Twilio.Messages.Count;

        // Signed for one value, sent with another; signed with the wrong token; not signed at all.
        var tampered = ChannelDriver.TwilioRequest(call, "otp-send", new() { ["channel"] = "sms" }, "t-1");
        tampered.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = call, ["From"] = SalesforceSeedData.AlicePhone, ["To"] = "+18005551212", ["channel"] = "email" });
        var wrongToken = ChannelDriver.TwilioRequest(call, "otp-send", new() { ["channel"] = "sms" }, "t-2", authToken: "not-the-account-token");
        var unsigned = ChannelDriver.TwilioRequest("CA0000000000000000000000000000new", "connect", [], "t-3");
        unsigned.Headers.Remove("X-Twilio-Signature");
        foreach (var request in new[] { tampered, wrongToken, unsigned })
        {
            using var response = await twilio.SendTwilio(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("urn:connectors:problem:invalid-signature", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }

        Assert.Equal(before, await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix));
        Assert.Equal(sent, host.Twilio.Messages.Count);
        Assert.Null(await host.Sessions.GetAsync("CA0000000000000000000000000000new", CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_tampered_or_unknown_sender_webhook_is_a_401_that_changes_no_table()
    {
        var prefix = AzuriteStorage.NewTablePrefix("wtw");
        await using var host = await StartAsync(prefix);
        var webhook = new ChannelDriver("webhook", host.Http);
        const string call = "webhook-replay-1";
        await webhook.SendAsync(call, "connect", new() { ["callerNumber"] = SalesforceSeedData.AlicePhone });
        await host.WaitForFetchAsync(call);
        using var first = await webhook.SendWebhook(call, "say", new() { ["speaker"] = "caller", ["text"] = "hello" }, "req-1", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix);

        var attempts = new[]
        {
            webhook.SendWebhook(call, "say", new() { ["speaker"] = "caller", ["text"] = "stale" }, "req-2", DateTimeOffset.UtcNow.AddMinutes(-6)),
            webhook.SendWebhook(call, "say", new() { ["speaker"] = "caller", ["text"] = "tampered" }, "req-3", DateTimeOffset.UtcNow, body => [.. body.Select(b => b == (byte)'t' ? (byte)'T' : b)]),
        };
        foreach (var attempt in attempts)
        {
            using var response = await attempt;
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var unknownSender = new HttpRequestMessage(HttpMethod.Post, "api/channels/webhook") { Content = JsonContent.Create(new { requestId = "req-4", callId = call, action = "end" }) };
        unknownSender.Headers.Add("X-Connectors-Sender", "someone-else");
        unknownSender.Headers.Add("X-Connectors-Signature", "t=1,v1=" + new string('0', 64));
        using var anonymous = new HttpClient { BaseAddress = host.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(unknownSender)).StatusCode);

        Assert.Equal(before, await TableSnapshot.KeysAsync(azurite.ConnectionString, prefix));
        Assert.Single((await host.Services.GetRequiredService<BatonStore>().GetAsync(call, CancellationToken.None))!.Turns);
        Assert.Null((await host.Sessions.GetAsync(call, CancellationToken.None))!.EndedAt);
    }

    [Fact]
    public async Task Connect_without_the_function_key_is_a_401_and_opens_no_session()
    {
        await using var host = await StartAsync(AzuriteStorage.NewTablePrefix("wtc"));
        using var anonymous = new HttpClient { BaseAddress = host.Http.BaseAddress };

        using var response = await anonymous.PostAsJsonAsync("api/channels/amazon-connect", ChannelDriver.ConnectEvent("connect-nokey", "connect", []), ChannelDriver.AsNamed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await host.Sessions.GetAsync("connect-nokey", CancellationToken.None));
    }

    [Fact]
    public async Task A_retried_twilio_webhook_with_the_same_idempotency_token_changes_nothing_more()
    {
        await using var host = await StartAsync(AzuriteStorage.NewTablePrefix("wtr"));
        using var transfers = ListenToTransfers(host);
        var twilio = new ChannelDriver("twilio", host.Http);
        const string call = "CA000000000000000000000000000retry";
        await twilio.SendAsync(call, "connect");
        for (var i = 0; i < 2; i++)
        {
            await twilio.SendAsync(call, "say", new() { ["speaker"] = "caller", ["text"] = "I want to talk to someone." }, retryKey: "say-1");
        }

        var firstTransfer = await twilio.SendAsync(call, "transfer", new() { ["reason"] = "agent-request", ["target"] = "general" }, retryKey: "transfer-1");
        var retried = await twilio.SendAsync(call, "transfer", new() { ["reason"] = "agent-request", ["target"] = "general" }, retryKey: "transfer-1");

        var baton = await host.Services.GetRequiredService<BatonStore>().GetAsync(call, CancellationToken.None);
        Assert.Single(baton!.Turns);
        Assert.Single(baton.Transfers);
        Assert.Equal(firstTransfer["version"], retried["version"]);
        Assert.Equal(1, transfers.Count("false"));
        using var stale = await host.Http.GetAsync(new Uri(firstTransfer["baton_url"]).PathAndQuery.TrimStart('/'));
        using var live = await host.Http.GetAsync(new Uri(retried["baton_url"]).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static Task<CallContractHost> StartAsync(string prefix)
    {
        var settings = ChannelDriver.Settings();
        settings["Storage:TablePrefix"] = prefix;
        settings["Logging:LogLevel:Default"] = "Information";
        return CallContractHost.StartAsync(AzuriteStorage.ConnectionString, settings);
    }

    private static TransferCounter ListenToTransfers(CallContractHost host) => new(host.Services.GetRequiredService<IMeterFactory>());

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();

    /// <summary>The host's own <see cref="MetricNames.BatonTransfers"/> counter, by its <c>complete</c> tag.</summary>
    private sealed class TransferCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public TransferCounter(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == MetricNames.BatonTransfers)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == MetricNames.TagComplete)
                    {
                        lock (_counts)
                        {
                            _counts[(string)tag.Value!] = _counts.GetValueOrDefault((string)tag.Value!) + (int)value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public int Count(string complete)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(complete);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
