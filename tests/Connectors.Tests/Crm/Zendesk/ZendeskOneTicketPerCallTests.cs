using Connectors.Core.Baton;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;
using Connectors.Simulators.Zendesk;
using Connectors.Tests.WrapUp;
using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>
/// Issue 14 item 1: a call has one Zendesk ticket, whichever of its writes (the warm transfer's, the wrap-up's
/// disposition) comes first; the other updates it. Counted over every ticket the call left in the simulator
/// (<see cref="CallRecords"/>), not per write name.
/// </summary>
public sealed class ZendeskOneTicketPerCallTests
{
    private const long OutcomeField = 360_000_000_001;
    private static readonly DateTimeOffset CallStart = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_disposition_after_a_transfer_updates_the_transfer_ticket_with_status_outcome_field_and_summary()
    {
        await using var zendesk = await StartAsync();
        const string call = "CA-one-ticket-forward";

        var transfer = await zendesk.Connector.UpsertDispositionAsync(Transfer(call), ZendeskHarness.Live(call), CancellationToken.None);
        var disposition = await zendesk.Connector.UpsertDispositionAsync(Disposition(call), ZendeskHarness.Live(call), CancellationToken.None);

        Assert.Equal((DispositionWriteOutcome.Created, DispositionWriteOutcome.Updated), (transfer.Outcome, disposition.Outcome));
        var ticket = Assert.Single(CallRecords.Zendesk(zendesk.Simulator, call));
        Assert.Equal(transfer.RecordId, disposition.RecordId);
        Assert.Equal(ticket.Id.ToString(), disposition.RecordId);
        Assert.Equal("solved", ticket.Status);
        Assert.Equal("Billing dispute: credit raised", ticket.Subject);
        Assert.Contains(ZendeskDispositionTicket.MarkerTag, ticket.Tags);
        Assert.Contains("connectors_outcome_billing_dispute_credit", ticket.Tags);
        Assert.DoesNotContain("connectors_outcome_transferred", ticket.Tags);
        Assert.Equal("BILLING_DISPUTE_CREDIT", ticket.CustomFields[OutcomeField]);
        Assert.Equal(2, ticket.Comments.Count);
        Assert.Contains("Intent: duplicate-charge dispute", ticket.Comments[0].Body, StringComparison.Ordinal);
        Assert.Contains("Credit raised for the duplicate $59 charge.", ticket.Comments[1].Body, StringComparison.Ordinal);
        Assert.All(ticket.Comments, c => Assert.False(c.Public));
    }

    [Fact]
    public async Task A_late_transfer_write_after_the_disposition_adds_its_context_and_changes_nothing_the_disposition_said()
    {
        await using var zendesk = await StartAsync();
        const string call = "CA-one-ticket-reverse";

        var disposition = await zendesk.Connector.UpsertDispositionAsync(Disposition(call), ZendeskHarness.Live(call), CancellationToken.None);
        var transfer = await zendesk.Connector.UpsertDispositionAsync(Transfer(call), ZendeskHarness.Live(call), CancellationToken.None);

        Assert.Equal((DispositionWriteOutcome.Created, DispositionWriteOutcome.Updated), (disposition.Outcome, transfer.Outcome));
        var ticket = Assert.Single(CallRecords.Zendesk(zendesk.Simulator, call));
        Assert.Equal(disposition.RecordId, transfer.RecordId);
        Assert.Equal("solved", ticket.Status);
        Assert.Equal("Billing dispute: credit raised", ticket.Subject);
        Assert.Contains("connectors_outcome_billing_dispute_credit", ticket.Tags);
        Assert.DoesNotContain("connectors_outcome_transferred", ticket.Tags);
        Assert.Equal("BILLING_DISPUTE_CREDIT", ticket.CustomFields[OutcomeField]);
        Assert.Contains("Intent: duplicate-charge dispute", ticket.Comments[^1].Body, StringComparison.Ordinal);

        // Each write again: both find their revision on the ticket and write nothing.
        var before = zendesk.Simulator.Account.Ticket(ticket.Id)!;
        var repeats = new[]
        {
            await zendesk.Connector.UpsertDispositionAsync(Transfer(call), ZendeskHarness.Live(call), CancellationToken.None),
            await zendesk.Connector.UpsertDispositionAsync(Disposition(call), ZendeskHarness.Live(call), CancellationToken.None),
        };
        Assert.All(repeats, r => Assert.Equal((DispositionWriteOutcome.AlreadyPresent, disposition.RecordId), (r.Outcome, r.RecordId)));
        var after = Assert.Single(CallRecords.Zendesk(zendesk.Simulator, call));
        Assert.Equal((before.UpdatedAt, before.Comments.Count), (after.UpdatedAt, after.Comments.Count));
    }

    [Fact]
    public async Task Two_writes_racing_to_create_the_call_ticket_make_one_and_the_loser_updates_it()
    {
        await using var zendesk = await StartAsync();
        const string call = "CA-one-ticket-race";
        // The first create is held until the second arrives, so both writes have looked the ticket up and found none.
        using var secondCreate = new ManualResetEventSlim();
        zendesk.Simulator.BeforeNext("POST", "/api/v2/tickets", _ => secondCreate.Wait(TimeSpan.FromSeconds(10)));
        zendesk.Simulator.BeforeNext("POST", "/api/v2/tickets", _ => secondCreate.Set());

        var writes = await Task.WhenAll(
            zendesk.Connector.UpsertDispositionAsync(Transfer(call), ZendeskHarness.Live(call), CancellationToken.None),
            zendesk.Connector.UpsertDispositionAsync(Disposition(call), ZendeskHarness.Live(call), CancellationToken.None));

        var creates = zendesk.Simulator.Requests.Entries.Where(r => r.Method == "POST").Select(r => r.Status).Order().ToList();
        Assert.Equal([201, 400], creates);
        var ticket = Assert.Single(CallRecords.Zendesk(zendesk.Simulator, call));
        Assert.All(writes, w => Assert.Equal(ticket.Id.ToString(), w.RecordId));
        Assert.Equal("solved", ticket.Status);
        Assert.Contains("connectors_outcome_billing_dispute_credit", ticket.Tags);
    }

    private static Task<ZendeskHarness> StartAsync() =>
        ZendeskHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zendesk:OutcomeFieldId"] = OutcomeField.ToString() });

    private static DispositionRecord Transfer(string call) => new()
    {
        CallKey = call,
        WriteName = BatonTransferService.CrmWriteName,
        Interim = true,
        OutcomeCode = "transferred",
        Summary = "Intent: duplicate-charge dispute\nCaller disputes a duplicate $59.00 charge on the 5th.",
        AccountId = AlexMorganSfId.ToString(),
        CallerE164 = AlexMorganSfPhoneE164,
        CallStartedAt = CallStart,
        Subject = "Warm transfer: duplicate-charge dispute",
    };

    private static DispositionRecord Disposition(string call) => new()
    {
        CallKey = call,
        OutcomeCode = "BILLING_DISPUTE_CREDIT",
        Summary = "Credit raised for the duplicate $59 charge.",
        AccountId = AlexMorganSfId.ToString(),
        CallStartedAt = CallStart,
        DurationSeconds = 240,
        Subject = "Billing dispute: credit raised",
    };
}
