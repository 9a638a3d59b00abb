using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;
using Connectors.Simulators.Salesforce;
using Connectors.Simulators.Zendesk;
using Connectors.Tests.Calls;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Storage;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// Issue 14 item 1 over HTTP: the billing call (connect, knowledge check, baton, warm transfer, answered, end, the
/// human's confirmation) leaves exactly one record for the call in its CRM, counted over every record the call left in
/// the simulator (<see cref="ZendeskCallRecords"/>, <see cref="SalesforceCallRecords"/>), not per write name.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OneRecordPerCallTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_transferred_billing_call_with_zendesk_leaves_one_ticket_carrying_the_disposition_and_the_note()
    {
        _ = azurite;
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Zendesk, new Dictionary<string, string?> { ["WrapUp:ConfirmationTimeout"] = "00:05:00" });
        var call = "zd-billing-" + Guid.NewGuid().ToString("N")[..12];

        var (transfer, recorded) = await BillingCallAsync(rig, call, ZendeskSeedData.AlexMorganSfPhoneE164, "1881", "94117", ZendeskSeedData.AvaAgentId.ToString());

        var ticket = Assert.Single(CallRecords.Zendesk(rig.Zendesk!, call));
        var ticketId = ticket.Id.ToString();
        Assert.Equal(("ticket", ticketId), (transfer.GetProperty("crmRecordType").GetString(), transfer.GetProperty("crmRecordId").GetString()));
        Assert.Equal(ticketId, recorded.GetProperty("recordId").GetString());
        Assert.Contains(rig.Zendesk!.Account.Displays, d => d.RecordType == "ticket" && d.RecordId == ticket.Id && d.AgentId == ZendeskSeedData.AvaAgentId);

        var outcome = recorded.GetProperty("draft").GetProperty("outcomeCode").GetString()!;
        Assert.Equal("solved", ticket.Status);
        Assert.Contains(ZendeskDispositionTicket.MarkerTag, ticket.Tags);
        Assert.Contains(ZendeskDispositionTicket.OutcomeTagPrefix + outcome.ToLowerInvariant(), ticket.Tags);
        Assert.DoesNotContain(ZendeskDispositionTicket.OutcomeTagPrefix + "transferred", ticket.Tags);
        Assert.Equal(ZendeskSeedData.AlexMorganSfId, ticket.RequesterId);
        Assert.Contains(ticket.Comments, c => c.Body.Contains("Intent: duplicate-charge dispute", StringComparison.Ordinal));
        Assert.Contains(ticket.Comments, c => c.Body.Contains("Outcome: " + outcome, StringComparison.Ordinal));
        var note = Assert.Single(ticket.Comments, c => c.Body.StartsWith("Call transcript (redacted)", StringComparison.Ordinal));
        Assert.Contains("I was charged twice, 59 dollars on the fifth.", note.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("4242 4242 4242 4242", note.Body, StringComparison.Ordinal);
        Assert.All(ticket.Comments, c => Assert.False(c.Public));
    }

    [Fact]
    public async Task The_transferred_billing_call_with_salesforce_leaves_one_task_and_the_transfer_writes_no_record()
    {
        _ = azurite;
        await using var rig = await WrapUpRig.StartAsync(CrmKind.Salesforce, new Dictionary<string, string?> { ["WrapUp:ConfirmationTimeout"] = "00:05:00" });
        var call = "sf-billing-" + Guid.NewGuid().ToString("N")[..12];

        var (transfer, recorded) = await BillingCallAsync(rig, call, SalesforceSeedData.AlicePhone, "4242", "94107", "agent-7");

        Assert.Equal("Contact", transfer.GetProperty("crmRecordType").GetString());
        var records = CallRecords.Salesforce(rig.Salesforce!, call);
        var task = Assert.Single(records);
        Assert.Equal(("Task", recorded.GetProperty("recordId").GetString()), (task.Type, task.Id));
        Assert.Equal(recorded.GetProperty("draft").GetProperty("outcomeCode").GetString(), task.Text("CallDisposition"));
        Assert.Single(rig.Salesforce!.Org.Records("Call_Note__c"), n => n.Text("Related_Record_Id__c") == task.Id);
    }

    /// <summary>The billing call through the JSON API; returns the transfer's answer and the recorded wrap-up's status.</summary>
    private static async Task<(JsonElement Transfer, JsonElement Recorded)> BillingCallAsync(WrapUpRig rig, string call, string caller, string lastFour, string zip, string agentId)
    {
        var http = rig.Http;
        (await http.PostAsJsonAsync($"api/calls/{call}/connect", new { platform = "webhook", callerNumber = caller, dialledNumber = "+18005551212" })).EnsureSuccessStatusCode();
        await Wait.ForAsync(
            async () => await http.GetFromJsonAsync<JsonElement>($"api/calls/{call}"),
            ScreenPopHost.FetchIsDone,
            $"the account fetch of {call}",
            Patience);
        using var knowledge = await http.PostAsJsonAsync($"api/calls/{call}/auth/knowledge", new { lastFour, billingZip = zip });
        Assert.Equal("passed", (await knowledge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        using var baton = await http.PutAsJsonAsync($"api/calls/{call}/baton", new
        {
            intent = "duplicate-charge dispute",
            summary = "Caller disputes a duplicate $59.00 charge on the 5th.",
            amounts = new[] { new { value = 59.00m, currency = "USD", label = "duplicate charge" } },
            turns = new[]
            {
                new { speaker = "caller", text = "I was charged twice, 59 dollars on the fifth." },
                new { speaker = "caller", text = "The card is 4242 4242 4242 4242." },
            },
        });
        baton.EnsureSuccessStatusCode();
        using var transferred = await http.PostAsJsonAsync($"api/calls/{call}/transfer", new { reason = "billing-dispute", target = "billing-disputes" });
        transferred.EnsureSuccessStatusCode();
        var transfer = await transferred.Content.ReadFromJsonAsync<JsonElement>();
        (await http.PostAsJsonAsync($"api/calls/{call}/answered", new { agentId })).EnsureSuccessStatusCode();

        await rig.EndAsync(call, humanTookCall: true);
        var waiting = await rig.WaitForStateAsync(call, Patience, "waiting-for-human");
        var draft = waiting.GetProperty("draft");
        using var confirm = await http.PostAsJsonAsync($"api/calls/{call}/disposition",
            new { outcomeCode = draft.GetProperty("outcomeCode").GetString(), summary = draft.GetProperty("summary").GetString() });
        Assert.Equal(HttpStatusCode.Accepted, confirm.StatusCode);
        var recorded = await rig.WaitForStateAsync(call, Patience, "recorded");
        return (transfer, recorded);
    }
}
