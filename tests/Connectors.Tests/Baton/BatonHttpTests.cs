using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Baton;
using Connectors.Core.Storage;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Baton;

/// <summary>The baton over real HTTP on LocalHost and Azurite: concurrent appends, large transcripts, the cap, the agent link.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BatonHttpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_writers_appending_100_turns_each_at_once_lose_none()
    {
        await using var host = await StartAsync();
        const string call = "baton-concurrent";
        await ConnectAsync(host, call);

        await Task.WhenAll(new[] { "bot", "caller" }.Select(async writer =>
        {
            for (var i = 0; i < 100; i++)
            {
                using var response = await host.Client.PutAsJsonAsync($"api/calls/{call}/baton", new { turns = new[] { new { speaker = writer, text = $"{writer} turn {i}" } } });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));

        var baton = await host.Services.GetRequiredService<BatonStore>().GetAsync(call, CancellationToken.None);
        Assert.NotNull(baton);
        Assert.Equal(200, baton.Turns.Count);
        Assert.Equal(0, baton.SummarisedOutTurns);
        foreach (var writer in new[] { "bot", "caller" })
        {
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{writer} turn {i}"), baton.Turns.Where(t => t.Speaker == writer).Select(t => t.Text));
        }
    }

    [Fact]
    public async Task A_300_KB_transcript_round_trips_whole_through_the_store_and_the_agent_view()
    {
        await using var host = await StartAsync();
        const string call = "baton-large";
        await ConnectAsync(host, call);
        var turns = Enumerable.Range(0, 100).Select(i => new { speaker = i % 2 == 0 ? "caller" : "bot", text = $"turn {i:D3} " + new string((char)('a' + (i % 26)), 2_991) }).ToList();

        for (var chunk = 0; chunk < 4; chunk++)
        {
            using var put = await host.Client.PutAsJsonAsync($"api/calls/{call}/baton", new { turns = turns.Skip(chunk * 25).Take(25), intent = "bulk" });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var stored = await host.Services.GetRequiredService<BatonStore>().GetAsync(call, CancellationToken.None);
        Assert.Equal(300_000, stored!.Turns.Sum(t => t.Text.Length));
        Assert.Equal(turns.Select(t => t.text), stored.Turns.Select(t => t.Text));

        var view = await TransferAndReadAsync(host, call);
        Assert.Equal(turns.Select(t => t.text), view.GetProperty("transcript").EnumerateArray().Select(t => t.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Past_the_cap_the_oldest_turns_become_one_explicit_marker_never_a_silent_cut()
    {
        await using var host = await StartAsync(new() { ["Baton:MaxTranscriptCharacters"] = "10000", ["Baton:MaxTurnCharacters"] = "2000" });
        const string call = "baton-capped";
        await ConnectAsync(host, call);
        for (var i = 0; i < 30; i++)
        {
            using var put = await host.Client.PutAsJsonAsync($"api/calls/{call}/baton", new { turns = new[] { new { speaker = "caller", text = $"turn {i:D2} " + new string('x', 992) } } });
            put.EnsureSuccessStatusCode();
        }

        var view = await TransferAndReadAsync(host, call);
        var transcript = view.GetProperty("transcript").EnumerateArray().ToList();
        var marker = transcript[0];
        Assert.Equal("system", marker.GetProperty("speaker").GetString());
        var dropped = int.Parse(marker.GetProperty("text").GetString()!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{dropped} turns summarised out", marker.GetProperty("text").GetString());
        Assert.Equal(30, dropped + transcript.Count - 1);
        Assert.StartsWith("turn 29 ", transcript[^1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"turn {dropped:D2} ", transcript[1].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_append_with_the_same_id_adds_nothing()
    {
        await using var host = await StartAsync();
        const string call = "baton-retry";
        await ConnectAsync(host, call);
        for (var i = 0; i < 3; i++)
        {
            using var put = await host.Client.PutAsJsonAsync($"api/calls/{call}/baton", new { appendId = "turn-1", turns = new[] { new { speaker = "caller", text = "hello" } } });
            put.EnsureSuccessStatusCode();
        }

        Assert.Single((await host.Services.GetRequiredService<BatonStore>().GetAsync(call, CancellationToken.None))!.Turns);
    }

    [Fact]
    public async Task The_agent_link_is_stored_only_as_a_hash_is_never_cached_and_a_wrong_token_reveals_nothing()
    {
        await using var host = await StartAsync();
        const string call = "baton-link";
        await ConnectAsync(host, call);
        (await host.Client.PutAsJsonAsync($"api/calls/{call}/baton", new { intent = "billing question", turns = new[] { new { speaker = "caller", text = "hi" } } })).EnsureSuccessStatusCode();
        using var transfer = await host.Client.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing", target = "billing-queue" });
        var answer = await transfer.Content.ReadFromJsonAsync<JsonElement>();
        var token = answer.GetProperty("token").GetString()!;
        Assert.Equal(BatonToken.Length, token.Length);

        var prefix = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix;
        var stored = await new AzuriteTableScanner(azurite.ConnectionString).EverythingAsync(prefix, CancellationToken.None);
        var text = string.Join('\n', stored.SelectMany(e => e.Entity.Select(p => p.Value?.ToString())));
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.Contains(BatonToken.Hash(token), text, StringComparison.Ordinal);

        foreach (var path in new[] { $"api/batons/{token}", $"api/batons/{token}/view" })
        {
            using var ok = await host.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            AssertNoStore(ok);
        }

        var wrong = BatonToken.New();
        using var unknown = await host.Client.GetAsync($"api/batons/{wrong}");
        using var malformed = await host.Client.GetAsync("api/batons/not-a-token/view");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        AssertNoStore(unknown);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await malformed.Content.ReadAsStringAsync());
        Assert.DoesNotContain(wrong, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The link is the capability: a browser with no key opens the view and the page; every other baton route still needs the key.
        using var anonymous = new HttpClient { BaseAddress = host.Client.BaseAddress };
        foreach (var path in new[] { $"api/batons/{token}", $"api/batons/{token}/view" })
        {
            using var opened = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        using var refused = await anonymous.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing", target = "billing-queue" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var health = await anonymous.GetAsync("api/health");
        Assert.NotEqual(HttpStatusCode.Unauthorized, health.StatusCode);
    }

    [Fact]
    public async Task The_transfer_answer_holds_no_key_and_carries_sip_headers_and_a_whisper_line_of_at_most_20_words()
    {
        await using var host = await StartAsync();
        const string call = "baton-sip";
        await ConnectAsync(host, call);
        (await host.Client.PutAsJsonAsync($"api/calls/{call}/baton", new
        {
            intent = "duplicate-charge dispute",
            amounts = new[] { new { value = 59.00m, currency = "USD", label = "duplicate charge" } },
            turns = new[] { new { speaker = "caller", text = "I was charged twice." } },
        })).EnsureSuccessStatusCode();

        using var transfer = await host.Client.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing-dispute", target = "billing" });
        var text = await transfer.Content.ReadAsStringAsync();
        var answer = JsonDocument.Parse(text).RootElement;
        var token = answer.GetProperty("token").GetString()!;

        Assert.DoesNotContain("code=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(LocalHostServer.ApiKey(host.Services), text, StringComparison.Ordinal);
        var sip = answer.GetProperty("sipHeaders");
        Assert.Equal(token, sip.GetProperty("X-Connectors-Baton").GetString());
        Assert.Equal(token, System.Text.Encoding.ASCII.GetString(Convert.FromHexString(sip.GetProperty("User-to-User").GetString()!.Split(';')[0])));
        Assert.All(sip.EnumerateObject(), header => Assert.True(System.Text.Encoding.ASCII.GetByteCount($"{header.Name}: {header.Value.GetString()}") <= 256, header.Name));
        var whisper = answer.GetProperty("whisper").GetString()!;
        Assert.Equal("Duplicate-charge dispute, $59 duplicate charge, not verified", whisper);
        Assert.True(whisper.Split(' ').Length <= 20);
        Assert.Equal(whisper, answer.GetProperty("amazonConnectAttributes").GetProperty("baton_whisper").GetString());
    }

    [Fact]
    public async Task Feedback_from_the_page_is_stored_once_per_transfer_counted_by_completeness_and_anonymous_like_the_page()
    {
        await using var host = await StartAsync();
        using var metrics = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), Connectors.Core.Observability.ConnectorsTelemetry.MeterName, Connectors.Core.Observability.MetricNames.BatonFeedback);
        const string call = "baton-feedback";
        await ConnectAsync(host, call);
        (await host.Client.PutAsJsonAsync($"api/calls/{call}/baton", new { intent = "billing question", turns = new[] { new { speaker = "caller", text = "hi" } } })).EnsureSuccessStatusCode();
        using var transfer = await host.Client.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing", target = "billing-queue" });
        var token = (await transfer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Client.BaseAddress };

        using var bad = await browser.PostAsync($"api/batons/{token}/feedback", new FormUrlEncodedContent([new("repeated", "everything")]));
        using var first = await browser.PostAsync($"api/batons/{token}/feedback", new FormUrlEncodedContent([new("repeated", "reason")]));
        using var again = await browser.PostAsJsonAsync($"api/batons/{token}/feedback", new { repeated = "nothing" });
        using var wrong = await browser.PostAsJsonAsync($"api/batons/{BatonToken.New()}/feedback", new { repeated = "nothing" });
        using var page = await browser.GetAsync($"api/batons/{token}/view");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("view#feedback", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Contains("data-repeated=\"reason\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await host.Services.GetRequiredService<BatonFeedbackStore>().ForCallAsync(call, CancellationToken.None);
        var feedback = Assert.Single(stored);
        Assert.Equal(("reason", 1, false, "billing-queue"), (feedback.Repeated, feedback.Version, feedback.Complete, feedback.Target));
        var counted = Assert.Single(metrics.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal("reason", counted.Tags[Connectors.Core.Observability.MetricNames.TagRepeated]);
        Assert.Equal("false", counted.Tags[Connectors.Core.Observability.MetricNames.TagComplete]);
    }

    [Fact]
    public async Task The_page_may_be_framed_by_exactly_the_configured_crm_origins_and_links_the_crm_record()
    {
        await using var host = await StartAsync(new()
        {
            ["Baton:FrameAncestors:0"] = "https://acme.lightning.force.com",
            ["Baton:FrameAncestors:1"] = "https://acme.zendesk.com",
        });
        const string call = "baton-frame";
        await ConnectAsync(host, call);
        (await host.Client.PutAsJsonAsync($"api/calls/{call}/baton", new { turns = new[] { new { speaker = "caller", text = "hi" } } })).EnsureSuccessStatusCode();
        using var transfer = await host.Client.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing", target = "billing-queue" });
        var token = (await transfer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        using var page = await host.Client.GetAsync($"api/batons/{token}/view");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("frame-ancestors https://acme.lightning.force.com https://acme.zendesk.com;", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_baton_input_is_a_400_problem_and_an_unconnected_call_a_404()
    {
        await using var host = await StartAsync();
        await ConnectAsync(host, "baton-bad");
        using var badSpeaker = await host.Client.PutAsJsonAsync("api/calls/baton-bad/baton", new { turns = new[] { new { speaker = "narrator", text = "x" } } });
        using var badAmount = await host.Client.PutAsJsonAsync("api/calls/baton-bad/baton", new { amounts = new[] { new { value = 59, currency = "dollars" } } });
        using var unknown = await host.Client.PutAsJsonAsync("api/calls/never-connected/baton", new { turns = new[] { new { speaker = "bot", text = "x" } } });
        using var noTransfer = await host.Client.PostAsJsonAsync("api/calls/baton-bad/answered", new { agentId = "42" });

        Assert.Equal(HttpStatusCode.BadRequest, badSpeaker.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAmount.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noTransfer.StatusCode);
        Assert.Equal("application/problem+json", badSpeaker.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertNoStore(HttpResponseMessage response)
    {
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private static async Task<JsonElement> TransferAndReadAsync(LocalHostServer host, string call)
    {
        using var transfer = await host.Client.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "test", target = "queue-1" });
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        var token = (await transfer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var view = await host.Client.GetAsync($"api/batons/{token}");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        return await view.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ConnectAsync(LocalHostServer host, string call)
    {
        // No caller number: nothing to look up, so no CRM is needed for these tests.
        using var response = await host.Client.PostAsJsonAsync($"api/calls/{call}/connect", new { platform = "webhook" });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static Task<LocalHostServer> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var overrides = AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("baton"));
        foreach (var (key, value) in settings ?? [])
        {
            overrides[key] = value;
        }

        return LocalHostServer.StartAsync(overrides);
    }
}
