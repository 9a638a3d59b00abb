using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Observability;
using Connectors.Tests.Fakes;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Connectors.Tests.Baton;

/// <summary>
/// A page view's telemetry holds no agent-link token: the spans and log records OpenTelemetry exports (its in-memory
/// exporter, behind the same processors an Azure Monitor exporter sits behind) and every log line the host writes (the
/// log collector) carry <c>batons/{token}</c> where the request had the token.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentLinkTelemetryTests
{
    [Fact]
    public async Task No_span_log_or_request_record_of_an_agent_link_holds_its_token()
    {
        var spans = new List<Activity>();
        var records = new List<LogRecord>();
        var logs = new FakeLogCollector();
        var overrides = AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("telem"));
        // As verbose as an operator might turn it: the request lines and the routing decisions.
        overrides["Logging:LogLevel:Default"] = "Information";
        overrides["Logging:LogLevel:Microsoft.AspNetCore.Hosting"] = "Information";
        overrides["Logging:LogLevel:Microsoft.AspNetCore.Routing"] = "Debug";
        await using var host = await LocalHostServer.StartAsync(overrides, services =>
        {
            services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(records));
        });
        using var connect = await host.Client.PostAsJsonAsync("api/calls/telemetry-1/connect", new { platform = "webhook" });
        (await host.Client.PutAsJsonAsync("api/calls/telemetry-1/baton", new { intent = "billing question", turns = new[] { new { speaker = "caller", text = "hi" } } })).EnsureSuccessStatusCode();
        using var transfer = await host.Client.PostAsJsonAsync("api/calls/telemetry-1/transfer", new { reason = "billing", target = "billing-queue" });
        var token = (await transfer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var wrong = Connectors.Core.Baton.BatonToken.New();

        using var browser = new HttpClient { BaseAddress = host.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"api/batons/{token}/view")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"api/batons/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"api/batons/{wrong}/view")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync($"api/batons/{token}/feedback", new { repeated = "nothing" })).StatusCode);

        // The request spans end after the answer is written: wait for the page view's and the wrong link's.
        await Wait.UntilAsync(
            () => Snapshot(spans).Count(s => s.Source.Name == AgentLinkTelemetry.HostingActivitySource && Tag(s, "url.path")?.StartsWith("/api/batons/", StringComparison.Ordinal) == true) >= 4,
            "the agent-link requests' spans",
            TimeSpan.FromSeconds(30));

        var exported = Snapshot(spans);
        Assert.Equal(2, exported.Count(s => Tag(s, "url.path") == "/api/batons/{token}/view"));
        Assert.Single(exported, s => Tag(s, "url.path") == "/api/batons/{token}/feedback");
        foreach (var secret in new[] { token, wrong })
        {
            Assert.DoesNotContain(exported, s => s.DisplayName.Contains(secret, StringComparison.Ordinal) || s.TagObjects.Any(t => t.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true));
            Assert.DoesNotContain(Snapshot(records), r => (r.FormattedMessage ?? string.Empty).Contains(secret, StringComparison.Ordinal) || (r.Attributes ?? []).Any(a => a.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true));
            Assert.DoesNotContain(secret, logs.AllText(), StringComparison.Ordinal);
        }

        // The check has something to check: the host did log these requests.
        Assert.Contains(logs.GetSnapshot(), r => r.Category?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
    }

    private static string? Tag(Activity span, string key) => span.TagObjects.FirstOrDefault(t => t.Key == key).Value?.ToString();

    private static List<T> Snapshot<T>(List<T> items)
    {
        lock (items)
        {
            return [.. items];
        }
    }
}
