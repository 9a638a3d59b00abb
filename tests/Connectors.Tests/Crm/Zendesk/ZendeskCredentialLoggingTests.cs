using System.Text;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Zendesk;
using Connectors.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>Every log line of a whole call, failures included, at trace level: no token, no credential header, no full phone number.</summary>
public sealed class ZendeskCredentialLoggingTests
{
    [Fact]
    public async Task A_full_call_with_failures_logs_neither_the_api_token_nor_the_basic_credential()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zendesk:Resilience:AttemptTimeout"] = "00:00:00.400" });
        zendesk.Simulator.Faults.Profile = new FaultProfile { RetryAfter = TimeSpan.FromSeconds(1), LateAnswerDelay = TimeSpan.FromSeconds(1) };
        zendesk.Simulator.ScriptFault(FaultKind.ServerError, "GET", "/api/v2/search");
        zendesk.Simulator.ScriptFault(FaultKind.Throttle, "GET", "/api/v2/users/");
        zendesk.Simulator.ScriptFault(FaultKind.Drop, "GET", "/api/v2/tickets");
        zendesk.Simulator.ScriptFault(FaultKind.LateAnswer, "POST", "/api/v2/tickets");

        await RunCallWithFailuresAsync(zendesk, "CA-logs");
        await using var wrongToken = await ZendeskHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zendesk:ApiToken"] = "wrong-" + Guid.NewGuid().ToString("N") });
        await Assert.ThrowsAsync<CrmRejectedException>(() => wrongToken.Connector.FindByAccountNumberAsync("ACC-100201", ZendeskHarness.Live("CA-logs-401"), CancellationToken.None));

        foreach (var (harness, token) in new[] { (zendesk, zendesk.ApiToken), (wrongToken, wrongToken.Services.GetConfiguredApiToken()) })
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IntegrationAgentEmail}/token:{token}"));
            var text = harness.Logs.AllText();
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Basic " + basic[..12], text, StringComparison.Ordinal);
        }

        // The logs are not empty: requests, headers (redacted), retries, the refusals all were written.
        var logs = zendesk.Logs.GetSnapshot();
        Assert.Contains(logs, e => e.Everything().Contains("Authorization: *", StringComparison.Ordinal));
        Assert.Contains(logs, e => e.Level == LogLevel.Error && (e.Category ?? string.Empty).Contains("Zendesk", StringComparison.Ordinal));
        Assert.Contains(wrongToken.Logs.GetSnapshot(), e => e.Level == LogLevel.Error && e.Everything().Contains("401", StringComparison.Ordinal));
        // Nor the caller's full number: only the last four digits.
        Assert.DoesNotContain("4155550101", zendesk.Logs.AllText(), StringComparison.Ordinal);
        Assert.Contains(logs, e => e.Everything().Contains("***0101", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_OAuth_token_never_reaches_the_logs_on_success_or_refusal()
    {
        var token = "oauth-" + Guid.NewGuid().ToString("N");
        await using var zendesk = await ZendeskHarness.StartAsync(new ZendeskSimulatorSettings { OAuthToken = token }, new Dictionary<string, string?>
        {
            ["Zendesk:AuthMode"] = "OAuth",
            ["Zendesk:OAuthAccessToken"] = token,
        });
        var revoked = "revoked-" + Guid.NewGuid().ToString("N");
        await using var refused = await ZendeskHarness.StartAsync(new ZendeskSimulatorSettings { OAuthToken = token }, new Dictionary<string, string?>
        {
            ["Zendesk:AuthMode"] = "OAuth",
            ["Zendesk:OAuthAccessToken"] = revoked,
        });

        await RunCallWithFailuresAsync(zendesk, "CA-oauth-logs");
        await Assert.ThrowsAsync<CrmRejectedException>(() => refused.Connector.FindByPhoneAsync(PhoneNumber.Parse(PortedPhoneE164, "1"), ZendeskHarness.Live("CA-oauth-401"), CancellationToken.None));

        Assert.DoesNotContain(token, zendesk.Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(revoked, refused.Logs.AllText(), StringComparison.Ordinal);
        Assert.Contains(zendesk.Logs.GetSnapshot(), e => e.Everything().Contains("Authorization: *", StringComparison.Ordinal));
    }

    private static async Task RunCallWithFailuresAsync(ZendeskHarness zendesk, string callKey)
    {
        var call = ZendeskHarness.Live(callKey);
        var ct = CancellationToken.None;
        var connector = zendesk.Connector;
        await connector.FindByPhoneAsync(PhoneNumber.Parse(SharedPhoneE164, "1"), call, ct);
        await connector.GetAccountSnapshotAsync(MariaGarciaId.ToString(), call, ct);
        var disposition = await connector.UpsertDispositionAsync(ZendeskDispositionTests.Disposition(callKey), call, ct);
        await connector.AddNoteAsync(new CrmNote(callKey, disposition.RecordId, "transcript", "Transcript", "Caller: thanks."), call, ct);
        await connector.PopRecordAsync(new ScreenPopRequest(AvaAgentId.ToString(), "ticket", disposition.RecordId), call, ct);
        await connector.PopRecordAsync(new ScreenPopRequest("424242", "ticket", disposition.RecordId), call, ct);
        // Another call's voice ticket: this call's would be the ticket the disposition already made.
        await Assert.ThrowsAsync<CrmRejectedException>(() => connector.CreateVoiceTicketAsync(new ZendeskVoiceTicketRequest
        {
            CallKey = callKey + "-voice",
            From = SharedPhoneE164,
            To = "+18005550100",
            StartedAt = DateTimeOffset.UnixEpoch,
            DurationSeconds = 1,
            DisplayToAgentId = MariaGarciaId.ToString(),
        }, call, ct));
    }
}

internal static class HarnessConfiguration
{
    public static string GetConfiguredApiToken(this IServiceProvider services) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<ZendeskOptions>>(services).Value.ApiToken!;
}
