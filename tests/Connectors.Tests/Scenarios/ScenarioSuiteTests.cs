using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Scenarios.Model;
using Connectors.Scenarios.Replay;
using Connectors.Scenarios.Running;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.EndToEnd;

namespace Connectors.Tests.Scenarios;

/// <summary>
/// Issue 16's "done when", against LocalHost over real HTTP: the shipped scenarios pass (each through every entry point it
/// names, as dry runs); a policy change fails the billing scenario with a readable diff; a recorded call replays with an
/// empty diff, and with the changed field named after the outcome mapping changes; a timed-out write and duplicated
/// requests leave each write once; a write below its level fails on the fatal tier.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScenarioSuiteTests(ScenarioHosts hosts) : IClassFixture<ScenarioHosts>
{
    [Fact]
    public async Task The_shipped_salesforce_scenarios_pass_through_every_entry_point_they_name()
    {
        var host = await hosts.SalesforceAsync();
        var scenarios = ScenarioFolder.All().Where(s => s.Crm == "salesforce").ToList();

        var results = await host.Runner().RunAsync(scenarios, repeat: 1, CancellationToken.None);

        Assert.True(results.All(r => r.Passed), ScenarioFolder.Report(results));
        Assert.All(results.Where(r => r.Skipped is null), r => Assert.Equal(r.Scorecards.Count, ScenarioFolder.Named(r.Scenario).Channels.Count));
        Assert.True(results.Count(r => r.Skipped is null) >= 9, "at least nine Salesforce scenarios ran: " + string.Join(", ", results.Select(r => r.Scenario + (r.Skipped is null ? string.Empty : " (" + r.Skipped + ")"))));
    }

    [Fact]
    public async Task The_shipped_zendesk_scenarios_pass()
    {
        var host = await hosts.ZendeskAsync();
        var scenarios = ScenarioFolder.All().Where(s => s.Crm == "zendesk").ToList();

        var results = await host.Runner().RunAsync(scenarios, repeat: 1, CancellationToken.None);

        Assert.True(results.All(r => r.Passed), ScenarioFolder.Report(results));
        Assert.True(results.Count(r => r.Skipped is null) >= 3);
    }

    [Fact]
    public async Task When_balance_needs_a_passcode_the_billing_scenario_fails_with_a_diff_that_names_the_step_and_the_level()
    {
        var host = await hosts.ChangedAsync();
        var billing = ScenarioFolder.Named("billing-call") with { Channels = ["api"] };

        var result = await host.Runner().RunOneAsync(billing, repeat: 1, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.False(result.Fatal);
        var problems = string.Join('\n', result.Problems);
        Assert.Contains("read balance", problems, StringComparison.Ordinal);
        Assert.Contains("expected status 200, got 403 step-up-required (requiredLevel possession, levelReached knowledge)", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_call_replays_with_an_empty_diff_and_after_the_outcome_mapping_changes_the_diff_names_the_field()
    {
        var host = await hosts.SalesforceAsync();
        var callId = "recorded-" + Guid.NewGuid().ToString("N")[..12];
        await RecordBalanceCallAsync(host.Http, callId);
        var replayer = new CallReplayer(host.Http, host.Settings);
        var export = await replayer.ExportAsync(callId, CancellationToken.None);
        var caller = new Caller { LastFour = "4242", BillingZip = "94107" };

        var same = await replayer.ReplayAsync(export, caller, CancellationToken.None);
        var changedHost = await hosts.ChangedAsync();
        var changed = await new CallReplayer(changedHost.Http, changedHost.Settings).ReplayAsync(export, caller, CancellationToken.None);

        Assert.Equal("ledger", export.WritesSource);
        Assert.Contains(export.Writes, w => w.Operation == "upsert-disposition");
        Assert.True(same.Same, string.Join('\n', same.Differences));
        Assert.Contains("upsert-disposition CallDisposition: recorded \"BALANCE_ENQUIRY\", replayed \"GENERAL_ENQUIRY\"", changed.Differences);
    }

    [Fact]
    public async Task The_export_holds_the_requests_in_order_and_none_of_the_answers_codes_or_card_numbers_the_caller_gave()
    {
        var host = await hosts.SalesforceAsync();
        var callId = "exported-" + Guid.NewGuid().ToString("N")[..12];
        await RecordBalanceCallAsync(host.Http, callId);

        var text = await host.Http.GetStringAsync($"api/calls/{callId}/export");
        var export = CallExportDocument.Parse(text);

        Assert.Equal(["connect", "knowledge", "read", "say", "say", "end"], export.Requests.Select(r => r.Action));
        Assert.Equal("passed", export.Requests[1].Outcome);
        Assert.Equal("[redacted]", export.Requests[1].Parameters["lastFour"]);
        Assert.DoesNotContain("94107", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111 1111 1111", text, StringComparison.Ordinal);
        Assert.Contains(Connectors.Core.Baton.BatonRedactor.CardMarker, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timed_out_write_and_duplicated_requests_leave_each_write_once_in_the_ledger()
    {
        var host = await hosts.SalesforceAsync();
        var scenario = ScenarioFolder.Named("retried-requests-and-a-timed-out-write") with { Channels = ["twilio"] };
        var callId = ScenarioRunner.CallIdFor(scenario, "twilio");

        var run = await new ScenarioExecutor(host.Http, host.Settings).RunAsync(scenario, "twilio", callId, CancellationToken.None);
        var card = Connectors.Scenarios.Scoring.ScorecardJudge.Judge(scenario, run);

        Assert.True(card.Passed, Connectors.Scenarios.Reporting.MarkdownReport.Scorecard(card));
        // The write that timed out after its commit was sent again under its key: twice in the ledger, one write.
        var dispositions = run.Ledger.Where(w => w.Operation == "upsert-disposition").ToList();
        Assert.True(dispositions.Count >= 2, $"the timed-out disposition write was retried ({dispositions.Count} in the ledger)");
        Assert.Single(dispositions.Select(w => w.IdempotencyKey).Distinct());
        Assert.True(run.Ledger.Where(w => w.Operation == "upsert-note").Select(w => w.IdempotencyKey).Distinct().Count() <= 1);
    }

    [Fact]
    public async Task A_disposition_written_below_its_required_level_fails_on_the_fatal_tier()
    {
        var host = await hosts.SalesforceAsync();
        var scenario = ScenarioLoader.Read(YamlToJsonNode("""
            name: address-change-below-level
            crm: salesforce
            channels: [api]
            caller: { number: "+14155550101", lastFour: "4242", billingZip: "94107" }
            steps:
              - do: connect
              - do: wait-lookup
              - do: knowledge
                expect: { outcome: passed }
              - do: transfer
                with: { reason: address-change, target: general }
              - do: end
                with: { reason: transferred, humanTookCall: true }
              - do: edit
                with: { outcomeCode: ADDRESS_CHANGE, summary: "Address changed." }
            expect:
              disposition: ADDRESS_CHANGE
              ledger:
                - operation: upsert-disposition
                - operation: upsert-note
            """), null);

        var result = await host.Runner().RunOneAsync(scenario, repeat: 1, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.True(result.Fatal);
        var fatal = Assert.Single(result.Scorecards.Single().Fatal);
        Assert.Equal("CRM write below its level (ADDRESS_CHANGE needs possession, call reached knowledge)", fatal.Name);
    }

    /// <summary>A dry-run call through the JSON API: Alice passes the knowledge check, reads her balance, reads out a card number, hangs up.</summary>
    private static async Task RecordBalanceCallAsync(HttpClient http, string callId)
    {
        (await http.PostAsJsonAsync($"api/calls/{callId}/connect", new { platform = "webhook", callerNumber = SalesforceSeedData.AlicePhone, dialledNumber = "+18005551212", dryRun = true })).EnsureSuccessStatusCode();
        await Wait.ForAsync(
            async () => await http.GetFromJsonAsync<JsonElement>($"api/calls/{callId}"),
            s => s.GetProperty("fetchStatus").GetString() != "pending",
            "the recorded call's lookup",
            TimeSpan.FromSeconds(60));
        (await http.PostAsJsonAsync($"api/calls/{callId}/auth/knowledge", new { lastFour = "4242", billingZip = "94107" })).EnsureSuccessStatusCode();
        (await http.GetAsync($"api/calls/{callId}/account?action=balance")).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/calls/{callId}/baton", new { turns = new[] { new { speaker = "caller", text = "My card is 4111 1111 1111 1111, what do I owe?" } } })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/calls/{callId}/baton", new { intent = "balance", summary = "Balance given." })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"api/calls/{callId}/end", new { reason = "caller-hung-up" })).EnsureSuccessStatusCode();
        await Wait.ForAsync(
            async () => await http.GetFromJsonAsync<JsonElement>($"api/calls/{callId}/wrapup"),
            s => s.GetProperty("state").GetString() == "recorded",
            "the recorded call's wrap-up",
            TimeSpan.FromSeconds(90));
    }

    private static System.Text.Json.Nodes.JsonNode YamlToJsonNode(string yaml)
    {
        var node = Connectors.Scenarios.Model.YamlToJson.Convert(yaml)!;
        Assert.Empty(ScenarioFolder.Loader.Validate(node));
        return node;
    }
}
