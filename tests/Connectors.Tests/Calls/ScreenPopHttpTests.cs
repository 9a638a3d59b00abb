using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Crm;

namespace Connectors.Tests.Calls;

/// <summary>
/// The screen-pop over real HTTP against LocalHost (Kestrel on 127.0.0.1, in-process queue, Table Storage
/// on Azurite). The CRM is <see cref="ScriptedCrmConnector"/>: the subject here is the session, the queue
/// and the gate; the simulator-backed CRM scenarios live with the connectors.
/// </summary>
public sealed class ScreenPopHttpTests
{
    private const string Caller = "+14155552671";

    [Fact]
    public async Task Connect_answers_at_once_while_the_crm_is_still_looking()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        crm.Hold();
        await using var host = await ScreenPopHost.StartAsync(crm);

        using var response = await host.ConnectAsync("CA-connect-1", Caller);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/calls/CA-connect-1", response.Headers.Location?.OriginalString);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", summary.GetProperty("match").GetString());
        Assert.Equal("pending", summary.GetProperty("fetchStatus").GetString());
        crm.Release();
        Assert.Equal("candidate", (await host.WaitForFetchAsync("CA-connect-1")).GetProperty("match").GetString());
    }

    [Fact]
    public async Task A_repeated_connect_returns_the_same_session_and_the_caller_is_looked_up_once()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);

        using var first = await host.ConnectAsync("CA-repeat-1", Caller);
        var firstSummary = await first.Content.ReadFromJsonAsync<JsonElement>();
        await host.WaitForFetchAsync("CA-repeat-1");
        var storedAfterFirst = await host.StoredSessionAsync("CA-repeat-1");
        // The platform retries its webhook: the same call, the same caller (a contradicting repeat is a 409, see SmallAnswersScenarioTests).
        using var second = await host.ConnectAsync("CA-repeat-1", Caller);
        var secondSummary = await second.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstSummary.GetProperty("connectedAt").GetString(), secondSummary.GetProperty("connectedAt").GetString());
        Assert.Equal("***2671", secondSummary.GetProperty("callerMasked").GetString());
        // Nothing was written: the session's ETag in Table Storage is the one the first connect and its fetch left.
        Assert.NotNull(storedAfterFirst?.ETag);
        Assert.Equal(storedAfterFirst.ETag, (await host.StoredSessionAsync("CA-repeat-1"))?.ETag);
        Assert.Equal(1, crm.PhoneLookups);
        Assert.Equal(1, crm.SnapshotReads);
        Assert.Equal(0, crm.Writes);
    }

    [Theory]
    [InlineData("415-555-267")]
    [InlineData("+1 015 555 2671")]
    [InlineData("call me maybe")]
    public async Task A_malformed_caller_number_is_a_400_problem_and_no_session(string callerNumber)
    {
        await using var host = await ScreenPopHost.StartAsync(new ScriptedCrmConnector());

        using var response = await host.ConnectAsync("CA-bad-number", callerNumber);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:connectors:problem:invalid-phone-number", problem.GetProperty("type").GetString());
        Assert.Contains("callerNumber", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("api/calls/CA-bad-number")).StatusCode);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("Restricted")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("+266696687")]
    public async Task A_withheld_caller_id_is_an_unknown_caller_and_the_crm_is_not_asked(string? callerNumber)
    {
        var crm = new ScriptedCrmConnector();
        await using var host = await ScreenPopHost.StartAsync(crm);

        using var response = await host.ConnectAsync("CA-withheld", callerNumber);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var summary = await host.WaitForFetchAsync("CA-withheld");

        Assert.Equal("unknown", summary.GetProperty("match").GetString());
        Assert.False(summary.TryGetProperty("callerMasked", out _));
        Assert.Equal(0, crm.Requests);
        using var read = await host.ReadAsync("CA-withheld", "balance");
        Assert.Equal("unknown-caller", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_withheld_caller_who_keyed_an_account_number_becomes_its_candidate()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A7", "7007", 5m);
        await using var host = await ScreenPopHost.StartAsync(crm);

        await host.ConnectAsync("CA-ivr", "anonymous", ivrDigits: "7007#");
        var summary = await host.WaitForFetchAsync("CA-ivr");

        Assert.Equal("candidate", summary.GetProperty("match").GetString());
        Assert.Equal(0, crm.PhoneLookups);
        Assert.Equal(1, crm.AccountNumberLookups);
    }

    [Fact]
    public async Task Balance_is_refused_until_the_knowledge_check_passes_then_served_from_the_cache()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);
        await host.ConnectAsync("CA-balance", Caller);
        await host.WaitForFetchAsync("CA-balance");

        using var refused = await host.ReadAsync("CA-balance", "balance");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:connectors:problem:step-up-required", problem.GetProperty("type").GetString());
        Assert.Equal("knowledge", problem.GetProperty("requiredLevel").GetString());
        Assert.Equal("none", problem.GetProperty("levelReached").GetString());
        Assert.Contains("knowledgeCheck", problem.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain("120.5", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await host.PassAsync("CA-balance", AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A1");
        var lookupsBefore = crm.Requests;
        using var served = await host.ReadAsync("CA-balance", "balance");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var body = await served.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(120.50m, body.GetProperty("balance").GetDecimal());
        Assert.Equal("USD", body.GetProperty("currency").GetString());
        Assert.True(body.TryGetProperty("asOf", out _));
        Assert.False(body.TryGetProperty("cardLastFour", out _));
        Assert.Equal(lookupsBefore, crm.Requests);
        var events = (await host.SummaryAsync("CA-balance")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("account-read", events);
    }

    [Fact]
    public async Task A_knowledge_check_does_not_open_a_payment_but_a_passcode_does()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);
        await host.ConnectAsync("CA-payment", Caller);
        await host.WaitForFetchAsync("CA-payment");
        await host.PassAsync("CA-payment", AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A1");

        using var refused = await host.ReadAsync("CA-payment", "payment");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("possession", problem.GetProperty("requiredLevel").GetString());
        Assert.Equal("knowledge", problem.GetProperty("levelReached").GetString());
        Assert.Equal(["smsPasscode", "emailPasscode", "voiceBiometric"], problem.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray());

        await host.PassAsync("CA-payment", AuthMethod.SmsPasscode, AssuranceLevel.Possession, "A1");
        using var served = await host.ReadAsync("CA-payment", "payment");
        var body = await served.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(120.50m, body.GetProperty("balance").GetDecimal());
        Assert.False(body.TryGetProperty("cardLastFour", out _), "a knowledge answer is never read back");
    }

    [Fact]
    public async Task An_ambiguous_caller_is_asked_for_an_account_number_and_proofs_stay_with_their_account()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 10m, Caller);
        crm.AddAccount("A2", "2002", 20m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);
        await host.ConnectAsync("CA-ambiguous", Caller);
        var summary = await host.WaitForFetchAsync("CA-ambiguous");
        Assert.Equal("ambiguous", summary.GetProperty("match").GetString());
        Assert.Equal(2, summary.GetProperty("candidateCount").GetInt32());

        // A proof passed against one candidate before the caller settled which account: it must not open the other.
        await host.PassAsync("CA-ambiguous", AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, "A1");
        using var ambiguous = await host.ReadAsync("CA-ambiguous", "balance");
        var ambiguousBody = await ambiguous.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ambiguous", ambiguousBody.GetProperty("status").GetString());
        Assert.Equal("ask-account-number", ambiguousBody.GetProperty("action").GetString());
        Assert.False(ambiguousBody.TryGetProperty("balance", out _));

        using var select = await host.Client.PostAsJsonAsync("api/calls/CA-ambiguous/account/select", new { accountNumber = "2002" });
        Assert.Equal("selected", (await select.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await host.WaitForFetchAsync("CA-ambiguous");

        using var refused = await host.ReadAsync("CA-ambiguous", "balance");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await host.PassAsync("CA-ambiguous", AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A2");
        using var served = await host.ReadAsync("CA-ambiguous", "balance");
        Assert.Equal(20m, (await served.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task An_account_number_nobody_holds_is_not_found_and_selects_nothing()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 10m, Caller);
        crm.AddAccount("A2", "2002", 20m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);
        await host.ConnectAsync("CA-not-found", Caller);
        await host.WaitForFetchAsync("CA-not-found");

        using var select = await host.Client.PostAsJsonAsync("api/calls/CA-not-found/account/select", new { accountNumber = "9999" });
        var body = await select.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("not-found", body.GetProperty("status").GetString());
        Assert.Equal("ask-account-number", body.GetProperty("action").GetString());
        var summary = await host.SummaryAsync("CA-not-found");
        Assert.Equal("ambiguous", summary.GetProperty("match").GetString());
        Assert.False(summary.GetProperty("accountSelected").GetBoolean());
    }

    [Fact]
    public async Task A_write_on_the_account_invalidates_the_snapshot_and_the_next_read_has_the_new_balance()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);
        await host.ConnectAsync("CA-invalidate", Caller);
        await host.WaitForFetchAsync("CA-invalidate");
        await host.PassAsync("CA-invalidate", AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A1");
        using var before = await host.ReadAsync("CA-invalidate", "balance");
        Assert.Equal(120.50m, (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balance").GetDecimal());

        crm.SetBalance("A1", 20.50m);
        using var invalidate = await host.Client.PostAsJsonAsync("api/calls/CA-invalidate/account/invalidate", new { reason = "payment-logged" });
        Assert.Equal(HttpStatusCode.Accepted, invalidate.StatusCode);
        Assert.Equal("refreshing", (await invalidate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var after = await host.ReadAsync("CA-invalidate", "balance");
        var body = await after.Content.ReadFromJsonAsync<JsonElement>();

        // The read waits for the refresh within its budget; it may answer "pending", never the old balance.
        Assert.NotEqual(120.50m, body.TryGetProperty("balance", out var balance) ? balance.GetDecimal() : (decimal?)null);
        await host.WaitForFetchAsync("CA-invalidate");
        using var refreshed = await host.ReadAsync("CA-invalidate", "balance");
        Assert.Equal(20.50m, (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balance").GetDecimal());
        Assert.Equal(0, crm.Writes);
    }

    [Fact]
    public async Task With_the_crm_down_a_read_degrades_within_the_budget_and_the_session_records_why()
    {
        var crm = new ScriptedCrmConnector { Failure = _ => new CrmUnavailableException(CrmKind.Salesforce, "circuit-open", outcomeUnknown: false) };
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);
        await host.ConnectAsync("CA-down", Caller);
        await host.WaitForFetchAsync("CA-down");

        using var read = await host.ReadAsync("CA-down", "balance");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degrade", body.GetProperty("status").GetString());
        Assert.Equal("circuit-open", body.GetProperty("reason").GetString());
        Assert.Equal("offer-warm-transfer", body.GetProperty("action").GetString());
        Assert.False(body.TryGetProperty("balance", out _));
        var summary = await host.SummaryAsync("CA-down");
        Assert.Equal("failed", summary.GetProperty("fetchStatus").GetString());
        Assert.Equal("circuit-open", summary.GetProperty("fetchReason").GetString());
        Assert.Contains(summary.GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "read-degraded" && e.GetProperty("detail").GetString() == "circuit-open");
    }

    [Fact]
    public async Task A_read_while_the_crm_is_still_looking_answers_pending_within_the_budget()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        crm.Hold();
        await using var host = await ScreenPopHost.StartAsync(crm, new Dictionary<string, string?> { ["Calls:TurnBudget"] = "00:00:02" });
        await host.ConnectAsync("CA-pending", Caller);

        using var read = await host.ReadAsync("CA-pending", "balance");
        crm.Release();

        var body = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal("retry", body.GetProperty("action").GetString());
        // That it waited its share of the budget first is AccountReaderTests' to show, on a fake clock.
    }

    [Fact]
    public async Task The_summary_never_carries_an_account_field()
    {
        var crm = new ScriptedCrmConnector();
        var account = crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);
        await host.ConnectAsync("CA-summary", Caller);
        await host.WaitForFetchAsync("CA-summary");
        await host.PassAsync("CA-summary", AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, "A1");

        using var response = await host.Client.GetAsync("api/calls/CA-summary");
        var text = await response.Content.ReadAsStringAsync();
        var summary = JsonDocument.Parse(text).RootElement;

        Assert.Equal("biometric", summary.GetProperty("assuranceLevel").GetString());
        Assert.Equal(["voiceBiometric"], summary.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.Equal(1, summary.GetProperty("candidateCount").GetInt32());
        foreach (var value in new[] { account.AccountId, account.DisplayName, "120.5", account.CardLastFour!, account.BillingZip!, account.Email!, account.MobileE164!, account.AccountNumber!, Caller })
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_dry_run_call_tells_the_crm_it_is_a_dry_run()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);

        await host.ConnectAsync("CA-dry", Caller, dryRun: true);
        await host.WaitForFetchAsync("CA-dry");

        Assert.NotEmpty(crm.Contexts);
        Assert.All(crm.Contexts, c => Assert.True(c.DryRun && c.CallId == "CA-dry"));
    }

    [Fact]
    public async Task Reads_without_an_action_an_unknown_action_or_an_unknown_call_are_refused_with_problems()
    {
        var crm = new ScriptedCrmConnector();
        crm.AddAccount("A1", "1001", 120.50m, Caller);
        await using var host = await ScreenPopHost.StartAsync(crm);
        await host.ConnectAsync("CA-problems", Caller);
        await host.WaitForFetchAsync("CA-problems");
        await host.PassAsync("CA-problems", AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, "A1");

        using var missing = await host.Client.GetAsync("api/calls/CA-problems/account");
        using var unknownAction = await host.ReadAsync("CA-problems", "close-account");
        using var unknownCall = await host.ReadAsync("CA-nobody", "balance");
        using var badId = await host.ReadAsync("bad%20id", "balance");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknownAction.StatusCode);
        Assert.Equal("urn:connectors:problem:action-not-permitted", (await unknownAction.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownCall.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }
}
