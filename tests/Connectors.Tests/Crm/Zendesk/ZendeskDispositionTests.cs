using System.Net.Http.Headers;
using System.Text;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Zendesk;
using Connectors.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>The disposition ticket: once per call and write, however often and however late it is sent.</summary>
public sealed class ZendeskDispositionTests
{
    private static readonly DateTimeOffset CallStart = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_first_write_creates_one_private_ticket_keyed_by_the_call()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var before = zendesk.Simulator.Account.TicketCount;

        var result = await zendesk.Connector.UpsertDispositionAsync(Disposition("CA-first"), ZendeskHarness.Live("CA-first"), CancellationToken.None);

        var key = IdempotencyKey.For("CA-first", "disposition");
        Assert.Equal(DispositionWriteOutcome.Created, result.Outcome);
        Assert.Equal(key, result.IdempotencyKey);
        Assert.Equal(before + 1, zendesk.Simulator.Account.TicketCount);
        var ticket = zendesk.Simulator.Account.Ticket(long.Parse(result.RecordId))!;
        Assert.Equal(key, ticket.ExternalId);
        Assert.Equal(MariaGarciaId, ticket.RequesterId);
        Assert.Contains("connectors_outcome_resolved", ticket.Tags);
        var comment = Assert.Single(ticket.Comments);
        Assert.False(comment.Public);
        Assert.StartsWith("Card replaced; customer satisfied.", comment.Body, StringComparison.Ordinal);
        Assert.Contains("Call: CA-first", comment.Body, StringComparison.Ordinal);

        var requests = zendesk.Simulator.Requests.Entries;
        Assert.Equal(["GET", "POST"], requests.Select(r => r.Method));
        Assert.Equal("/api/v2/tickets.json?external_id=" + key, requests[0].PathAndQuery);
        Assert.Equal(key, requests[1].Header("Idempotency-Key"));
        Assert.Equal("miss", requests[1].ResponseHeader("x-idempotency-lookup"));
    }

    [Fact]
    public async Task A_repeat_finds_the_ticket_by_external_id_and_writes_nothing()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var first = await zendesk.Connector.UpsertDispositionAsync(Disposition("CA-repeat"), ZendeskHarness.Live("CA-repeat"), CancellationToken.None);
        zendesk.Simulator.Requests.Clear();

        var again = await zendesk.Connector.UpsertDispositionAsync(Disposition("CA-repeat"), ZendeskHarness.Live("CA-repeat"), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.AlreadyPresent, again.Outcome);
        Assert.Equal(first.RecordId, again.RecordId);
        Assert.Equal("GET", Assert.Single(zendesk.Simulator.Requests.Entries).Method);
    }

    [Fact]
    public async Task Seed_incident_within_the_key_window_the_retry_is_answered_hit_and_no_second_ticket_is_made()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zendesk:Resilience:AttemptTimeout"] = "00:00:01" });
        zendesk.Simulator.Faults.Profile = new FaultProfile { LateAnswerDelay = TimeSpan.FromSeconds(2.5) };
        // The create commits, then answers only after the client's attempt timeout.
        zendesk.Simulator.ScriptFault(FaultKind.LateAnswer, "POST", "/api/v2/tickets");
        var before = zendesk.Simulator.Account.TicketCount;

        var result = await zendesk.Connector.UpsertDispositionAsync(Disposition("CA-late"), ZendeskHarness.Live("CA-late"), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.AlreadyPresent, result.Outcome);
        Assert.Equal(before + 1, zendesk.Simulator.Account.TicketCount);
        var posts = await PostsSettledAsync(zendesk);
        Assert.Equal(FaultKind.LateAnswer, posts[0].Fault);
        Assert.All(posts, p => Assert.Equal(result.IdempotencyKey, p.Header("Idempotency-Key")));
        // Every retry (one, unless the machine is slow enough to time out another) was answered from the key.
        Assert.All(posts.Skip(1).Where(p => p.Status == 201), p => Assert.Equal("hit", p.ResponseHeader("x-idempotency-lookup")));
        Assert.Contains(posts.Skip(1), p => p.Status == 201);
        Assert.Equal(result.RecordId, Assert.Single(zendesk.Simulator.Account.Tickets(), t => t.ExternalId == result.IdempotencyKey).Id.ToString());
    }

    [Fact]
    public async Task Seed_incident_after_the_key_window_the_external_id_lookup_finds_the_ticket_and_no_second_is_made()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Zendesk:Resilience:AttemptTimeout"] = "00:00:01",
            ["Zendesk:Resilience:MaxRetryAttempts"] = "1",
        });
        zendesk.Simulator.Faults.Profile = new FaultProfile { LateAnswerDelay = TimeSpan.FromSeconds(2.5) };
        zendesk.Simulator.ScriptFault(FaultKind.LateAnswer, "POST", "/api/v2/tickets");
        zendesk.Simulator.ScriptFault(FaultKind.Drop, "POST", "/api/v2/tickets");
        var before = zendesk.Simulator.Account.TicketCount;

        // The wrap-up's first attempt commits the ticket but never learns it did.
        var failed = await Assert.ThrowsAsync<CrmUnavailableException>(() =>
            zendesk.Connector.UpsertDispositionAsync(Disposition("CA-parked"), ZendeskHarness.Live("CA-parked"), CancellationToken.None));
        Assert.True(failed.OutcomeUnknown);
        Assert.Equal([FaultKind.LateAnswer, FaultKind.Drop], (await PostsSettledAsync(zendesk)).Select(p => p.Fault));
        Assert.Equal(before + 1, zendesk.Simulator.Account.TicketCount);

        // It is replayed from the parked queue hours later, when Zendesk has forgotten the key.
        zendesk.Simulator.AdvanceClock(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        zendesk.Simulator.Requests.Clear();
        var replayed = await zendesk.Connector.UpsertDispositionAsync(Disposition("CA-parked"), ZendeskHarness.Live("CA-parked"), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.AlreadyPresent, replayed.Outcome);
        Assert.Equal(before + 1, zendesk.Simulator.Account.TicketCount);
        Assert.DoesNotContain(zendesk.Simulator.Requests.Entries, r => r.Method == "POST");
    }

    [Fact]
    public async Task After_two_hours_Zendesk_forgets_a_key_so_a_blind_replay_would_duplicate_the_ticket()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        using var http = RawClient(zendesk);
        var body = """{"ticket":{"subject":"Call","comment":{"body":"Summary","public":false}}}""";

        var first = await PostTicketAsync(http, "key-forgotten", body);
        var within = await PostTicketAsync(http, "key-forgotten", body);
        zendesk.Simulator.AdvanceClock(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var after = await PostTicketAsync(http, "key-forgotten", body);

        Assert.Equal(("miss", 201), (first.Lookup, first.Status));
        Assert.Equal(("hit", 201, first.Body), (within.Lookup, within.Status, within.Body));
        Assert.Equal(("miss", 201), (after.Lookup, after.Status));
        Assert.NotEqual(first.Body, after.Body);
    }

    [Fact]
    public async Task A_key_reused_with_another_payload_is_rejected_logged_loudly_and_not_retried()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        using var http = RawClient(zendesk);
        var key = IdempotencyKey.For("CA-drift", "disposition");
        // An earlier deployment sent this write with another payload shape (no external_id).
        var earlier = await PostTicketAsync(http, key, """{"ticket":{"subject":"Call","comment":{"body":"Old shape","public":false}}}""");
        Assert.Equal(201, earlier.Status);
        zendesk.Simulator.Requests.Clear();

        var rejected = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            zendesk.Connector.UpsertDispositionAsync(Disposition("CA-drift"), ZendeskHarness.Live("CA-drift"), CancellationToken.None));

        Assert.Equal((400, "IdempotentRequestError"), (rejected.Status, rejected.ErrorCode));
        Assert.Single(zendesk.Simulator.Requests.Entries, r => r.Method == "POST");
        var loud = Assert.Single(zendesk.Logs.GetSnapshot(), e => e.Level == LogLevel.Error && e.Message.Contains("different payload", StringComparison.Ordinal));
        Assert.DoesNotContain("Card replaced", loud.Everything(), StringComparison.Ordinal);
        Assert.DoesNotContain(zendesk.Logs.GetSnapshot(), e => e.Everything().Contains("Card replaced", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_disposition_updates_the_ticket_once_and_keeps_the_agents_tags()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var created = await zendesk.Connector.UpsertDispositionAsync(Disposition("CA-edit"), ZendeskHarness.Live("CA-edit"), CancellationToken.None);
        var id = long.Parse(created.RecordId);
        zendesk.Simulator.Account.EditTicketAsAgent(id, t => t.Tags.Add("vip"));
        var edited = Disposition("CA-edit") with { OutcomeCode = "callback-scheduled", Summary = "Customer asked for a callback tomorrow." };

        var updated = await zendesk.Connector.UpsertDispositionAsync(edited, ZendeskHarness.Live("CA-edit"), CancellationToken.None);
        var repeated = await zendesk.Connector.UpsertDispositionAsync(edited, ZendeskHarness.Live("CA-edit"), CancellationToken.None);

        Assert.Equal((DispositionWriteOutcome.Updated, created.RecordId), (updated.Outcome, updated.RecordId));
        Assert.Equal(DispositionWriteOutcome.AlreadyPresent, repeated.Outcome);
        var ticket = zendesk.Simulator.Account.Ticket(id)!;
        Assert.Contains("vip", ticket.Tags);
        Assert.Contains("connectors_outcome_callback-scheduled", ticket.Tags);
        Assert.DoesNotContain("connectors_outcome_resolved", ticket.Tags);
        Assert.Equal(2, ticket.Comments.Count);
        Assert.StartsWith("Disposition updated.", ticket.Comments[1].Body, StringComparison.Ordinal);
        var put = Assert.Single(zendesk.Simulator.Requests.Entries, r => r.Method == "PUT");
        Assert.Contains("\"safe_update\":true", put.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_safe_update_that_meets_a_newer_ticket_rereads_it_and_loses_no_agent_edit()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var created = await zendesk.Connector.UpsertDispositionAsync(Disposition("CA-race"), ZendeskHarness.Live("CA-race"), CancellationToken.None);
        var id = long.Parse(created.RecordId);
        // An agent saves the ticket between our read and our update.
        zendesk.Simulator.BeforeNext("PUT", $"/api/v2/tickets/{id}", account => account.EditTicketAsAgent(id, t => t.Tags.Add("escalated")));
        zendesk.Simulator.Requests.Clear();

        var updated = await zendesk.Connector.UpsertDispositionAsync(
            Disposition("CA-race") with { OutcomeCode = "escalated", Summary = "Escalated to fraud." }, ZendeskHarness.Live("CA-race"), CancellationToken.None);

        Assert.Equal(DispositionWriteOutcome.Updated, updated.Outcome);
        Assert.Equal(
            [("GET", 200), ("PUT", 409), ("GET", 200), ("PUT", 200)],
            zendesk.Simulator.Requests.Entries.Select(r => (r.Method, r.Status)));
        var ticket = zendesk.Simulator.Account.Ticket(id)!;
        Assert.Contains("escalated", ticket.Tags);
        Assert.Contains("connectors_outcome_escalated", ticket.Tags);
        Assert.Equal(2, ticket.Comments.Count);
    }

    internal static DispositionRecord Disposition(string callKey) => new()
    {
        CallKey = callKey,
        OutcomeCode = "resolved",
        Summary = "Card replaced; customer satisfied.",
        AccountId = MariaGarciaId.ToString(),
        CallerE164 = SharedPhoneE164,
        CallStartedAt = CallStart,
        DurationSeconds = 312,
    };

    /// <summary>The POSTs to /api/v2/tickets, once the late one has answered too (a request is logged when it completes).</summary>
    internal static async Task<IReadOnlyList<ZendeskLoggedRequest>> PostsSettledAsync(ZendeskHarness zendesk) =>
        await Wait.ForAsync(
            () => Task.FromResult<IReadOnlyList<ZendeskLoggedRequest>>(
                zendesk.Simulator.Requests.Entries.Where(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/api/v2/tickets", StringComparison.Ordinal)).ToList()),
            posts => posts.Any(p => p.Fault == FaultKind.LateAnswer),
            "the late answer to be logged");

    internal static HttpClient RawClient(ZendeskHarness zendesk)
    {
        var http = new HttpClient { BaseAddress = zendesk.Simulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IntegrationAgentEmail}/token:{zendesk.ApiToken}")));
        return http;
    }

    private static async Task<(int Status, string? Lookup, string Body)> PostTicketAsync(HttpClient http, string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/tickets.json") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        var lookup = response.Headers.TryGetValues("x-idempotency-lookup", out var values) ? values.Single() : null;
        return ((int)response.StatusCode, lookup, await response.Content.ReadAsStringAsync());
    }
}
