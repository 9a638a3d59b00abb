using System.Collections.Concurrent;
using System.Globalization;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Zendesk;
using Microsoft.Extensions.Logging.Testing;
using Xunit.Abstractions;
using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>Throttling, transient failures and bad credentials, through the real pipeline over real HTTP.</summary>
public sealed class ZendeskResilienceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Past_the_account_rate_limit_each_429_is_waited_out_for_its_Retry_After_and_every_read_succeeds()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(new ZendeskSimulatorSettings { RequestsPerWindow = 3, RateLimitWindow = TimeSpan.FromSeconds(2) });
        var call = ZendeskHarness.Live("CA-limit");

        for (var i = 0; i < 5; i++)
        {
            Assert.Single(await zendesk.Connector.FindByAccountNumberAsync("ACC-100201", call, CancellationToken.None));
        }

        var requests = zendesk.Simulator.Requests.Entries;
        var throttled = requests.Select((r, i) => (Request: r, Index: i)).Where(x => x.Request.Status == 429).ToList();
        Assert.NotEmpty(throttled);
        Assert.Equal(5, requests.Count(r => r.Status == 200));
        foreach (var (request, index) in throttled)
        {
            // Zendesk's account limit answers in plain text, with the wait in whole seconds.
            Assert.StartsWith("text/plain", request.ResponseHeader("Content-Type"), StringComparison.Ordinal);
            var wait = TimeSpan.FromSeconds(int.Parse(request.ResponseHeader("Retry-After")!, CultureInfo.InvariantCulture));
            Assert.True(requests[index + 1].At - request.At >= wait - TimeSpan.FromMilliseconds(50),
                $"The retry came {(requests[index + 1].At - request.At).TotalMilliseconds} ms after a 429 asking for {wait.TotalMilliseconds} ms.");
        }

        var last = requests[^1];
        var limit = double.Parse(last.ResponseHeader("X-Rate-Limit")!, CultureInfo.InvariantCulture);
        var remaining = double.Parse(last.ResponseHeader("X-Rate-Limit-Remaining")!, CultureInfo.InvariantCulture);
        Assert.Equal((limit - remaining) / limit, zendesk.Metrics.ApiUsage(CrmKind.Zendesk));
    }

    [Fact]
    public async Task A_plain_text_429_from_a_per_resource_limit_is_retried_after_its_Retry_After()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        zendesk.Simulator.Faults.Profile = new FaultProfile { RetryAfter = TimeSpan.FromSeconds(1) };
        zendesk.Simulator.ScriptFault(FaultKind.Throttle, "GET");

        var snapshot = await zendesk.Connector.GetAccountSnapshotAsync(PriyaShahId.ToString(), ZendeskHarness.Live("CA-429"), CancellationToken.None);

        Assert.NotNull(snapshot);
        var requests = zendesk.Simulator.Requests.Entries;
        var throttled = Assert.Single(requests, r => r.Status == 429);
        Assert.Equal("1", throttled.ResponseHeader("Retry-After"));
        var retry = Assert.Single(requests, r => r.PathAndQuery == throttled.PathAndQuery && r.Status == 200);
        Assert.True(retry.At - throttled.At >= TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_configured_cap_fails_fast_as_throttled()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        zendesk.Simulator.Faults.Profile = new FaultProfile { RetryAfter = TimeSpan.FromSeconds(60) };
        zendesk.Simulator.ScriptFault(FaultKind.Throttle, "GET");

        var throttled = await Assert.ThrowsAsync<CrmUnavailableException>(() =>
            zendesk.Connector.FindByAccountNumberAsync("ACC-100201", ZendeskHarness.Live("CA-slow"), CancellationToken.None));

        Assert.Equal("throttled", throttled.Reason);
        Assert.Single(zendesk.Simulator.Requests.Entries);
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_on_reads_are_retried()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        zendesk.Simulator.ScriptFault(FaultKind.ServerError, "GET");
        zendesk.Simulator.ScriptFault(FaultKind.Drop, "GET");

        var candidates = await zendesk.Connector.FindByPhoneAsync(PhoneNumber.Parse(PortedPhoneE164, "1"), ZendeskHarness.Live("CA-5xx"), CancellationToken.None);

        Assert.Equal(2, candidates.Count);
        Assert.Equal([503, 0, 200], zendesk.Simulator.Requests.Entries.Select(r => r.Status));
    }

    [Fact]
    public async Task A_wrong_api_token_is_refused_once_and_never_retried()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zendesk:ApiToken"] = "not-the-token" });

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            zendesk.Connector.FindByPhoneAsync(PhoneNumber.Parse(SharedPhoneE164, "1"), ZendeskHarness.Live("CA-401"), CancellationToken.None));
        var refusedWrite = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            zendesk.Connector.UpsertDispositionAsync(ZendeskDispositionTests.Disposition("CA-401"), ZendeskHarness.Live("CA-401"), CancellationToken.None));

        Assert.Equal((401, "Unauthorized"), (refused.Status, refused.ErrorCode));
        Assert.Equal(401, refusedWrite.Status);
        Assert.Equal([401, 401], zendesk.Simulator.Requests.Entries.Select(r => r.Status));
    }

    [Fact]
    public async Task An_OAuth_bearer_token_authenticates_and_a_wrong_one_is_refused_once()
    {
        var oauth = "oauth-" + Guid.NewGuid().ToString("N");
        await using var good = await ZendeskHarness.StartAsync(new ZendeskSimulatorSettings { OAuthToken = oauth }, new Dictionary<string, string?>
        {
            ["Zendesk:AuthMode"] = "OAuth",
            ["Zendesk:OAuthAccessToken"] = oauth,
        });
        await using var bad = await ZendeskHarness.StartAsync(new ZendeskSimulatorSettings { OAuthToken = oauth }, new Dictionary<string, string?>
        {
            ["Zendesk:AuthMode"] = "OAuth",
            ["Zendesk:OAuthAccessToken"] = "expired-" + oauth,
        });

        Assert.Single(await good.Connector.FindByAccountNumberAsync("ACC-100203", ZendeskHarness.Live("CA-oauth"), CancellationToken.None));
        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            bad.Connector.FindByAccountNumberAsync("ACC-100203", ZendeskHarness.Live("CA-oauth"), CancellationToken.None));
        Assert.Equal(401, refused.Status);
        Assert.Single(bad.Simulator.Requests.Entries);
    }

    [Fact]
    public async Task Five_hundred_keyed_writes_through_twenty_percent_faults_make_exactly_five_hundred_tickets()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(
            new ZendeskSimulatorSettings { RequestsPerWindow = 1_000_000 },
            new Dictionary<string, string?>
            {
                ["Zendesk:Resilience:AttemptTimeout"] = "00:00:01",
                ["Zendesk:Resilience:TotalTimeout"] = "00:00:15",
                ["Zendesk:Resilience:MaxRetryAttempts"] = "6",
                ["Zendesk:Resilience:BaseDelay"] = "00:00:00.010",
                ["Zendesk:Resilience:MaxConcurrentRequests"] = "32",
                // A breaker may open under this much failure; it should close again within the test.
                ["Zendesk:Resilience:BreakDuration"] = "00:00:01",
            });
        zendesk.Simulator.Faults.Profile = new FaultProfile
        {
            LatencyP50 = TimeSpan.FromMilliseconds(2),
            LatencyP99 = TimeSpan.FromMilliseconds(40),
            ServerErrorRate = 0.05,
            ThrottleRate = 0.05,
            DropRate = 0.05,
            LateAnswerRate = 0.05,
            RetryAfter = TimeSpan.FromSeconds(1),
            LateAnswerDelay = TimeSpan.FromMilliseconds(1500),
            Seed = 20261121,
        };
        var before = zendesk.Simulator.Account.TicketCount;
        var results = new ConcurrentDictionary<string, DispositionWriteResult>();
        var unavailable = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (i, ct) =>
        {
            var callKey = $"CA-load-{i:D3}";
            // What the wrap-up workflow does with a transient failure: the same write again, a little later.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    results[callKey] = await zendesk.Connector.UpsertDispositionAsync(ZendeskDispositionTests.Disposition(callKey), ZendeskHarness.Live(callKey), ct);
                    return;
                }
                catch (CrmUnavailableException) when (attempt < 20)
                {
                    Interlocked.Increment(ref unavailable);
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
                }
            }
        });

        // Late answers are still being logged; the tickets are committed already.
        Assert.Equal(500, results.Count);
        Assert.Equal(before + 500, zendesk.Simulator.Account.TicketCount);
        var byKey = zendesk.Simulator.Account.Tickets().Where(t => t.ExternalId is not null).ToDictionary(t => t.ExternalId!);
        Assert.All(results, r => Assert.Equal(r.Value.RecordId, byKey[r.Value.IdempotencyKey].Id.ToString(CultureInfo.InvariantCulture)));
        var faults = zendesk.Simulator.Requests.Entries.Select(r => r.Fault).ToHashSet();
        Assert.Superset(new HashSet<FaultKind> { FaultKind.ServerError, FaultKind.Throttle, FaultKind.Drop }, faults);
        Assert.Contains(results.Values, r => r.Outcome == DispositionWriteOutcome.AlreadyPresent);
        var requests = zendesk.Simulator.Requests.Entries;
        output.WriteLine(
            $"{requests.Count} requests; faults {string.Join(", ", requests.GroupBy(r => r.Fault).Select(g => $"{g.Key}={g.Count()}"))}; " +
            $"outcomes {string.Join(", ", results.Values.GroupBy(r => r.Outcome).Select(g => $"{g.Key}={g.Count()}"))}; {unavailable} calls retried by the caller; " +
            $"gave up: {string.Join(", ", zendesk.Logs.GetSnapshot().Where(e => e.Message.Contains("gave up", StringComparison.Ordinal)).GroupBy(e => e.Message[(e.Message.LastIndexOf(':') + 2)..]).Select(g => $"{g.Key}={g.Count()}"))}");
    }
}
