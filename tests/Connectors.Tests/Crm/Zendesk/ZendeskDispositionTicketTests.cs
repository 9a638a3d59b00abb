using System.Text.Json;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>
/// The disposition payload must be a pure function of the record: Zendesk refuses a key whose body
/// changed (IdempotentRequestError), so any drift between attempts would park the wrap-up.
/// </summary>
public sealed class ZendeskDispositionTicketTests
{
    private static readonly ZendeskOptions Options = new() { OutcomeFieldId = 360_000_000_001 };

    [Fact]
    public void The_same_record_always_makes_the_same_bytes_and_any_change_makes_another_revision()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 300; i++)
        {
            var record = new DispositionRecord
            {
                CallKey = "CA" + random.Next(),
                OutcomeCode = new[] { "resolved", "Payment Taken", "transferred/2nd line", "callback" }[random.Next(4)],
                Summary = new string('x', random.Next(1, 40)) + " é " + random.Next(),
                AccountId = random.Next(3) == 0 ? null : random.Next(1, int.MaxValue).ToString(),
                CallerE164 = random.Next(2) == 0 ? null : "+1415555" + random.Next(1000, 9999),
                CallStartedAt = DateTimeOffset.UnixEpoch.AddSeconds(random.Next()),
                DurationSeconds = random.Next(2) == 0 ? null : random.Next(0, 3600),
            };
            var key = IdempotencyKey.For(record.CallKey, record.WriteName);

            var first = JsonSerializer.Serialize(ZendeskDispositionTicket.ForCreate(record, key, Options), ZendeskWire.Json);
            var again = JsonSerializer.Serialize(ZendeskDispositionTicket.ForCreate(record with { }, key, Options), ZendeskWire.Json);
            var edited = record with { Summary = record.Summary + "." };

            Assert.Equal(first, again);
            Assert.NotEqual(ZendeskDispositionTicket.RevisionTag(record), ZendeskDispositionTicket.RevisionTag(edited));
            Assert.All(ZendeskDispositionTicket.ForCreate(record, key, Options).Tags!, t => Assert.Matches("^[a-z0-9_-]+$", t));
        }
    }

    [Fact]
    public void An_update_replaces_only_our_tags_and_sends_the_ticket_stamp_back()
    {
        var record = new DispositionRecord { CallKey = "CA-1", OutcomeCode = "resolved", Summary = "Done.", CallStartedAt = DateTimeOffset.UnixEpoch };
        var current = new ZendeskWire.Ticket
        {
            Id = 7,
            UpdatedAt = "2026-11-21T09:00:00Z",
            Tags = ["vip", ZendeskDispositionTicket.MarkerTag, "connectors_outcome_callback", "connectors_rev_0123456789abcdef"],
        };

        var update = ZendeskDispositionTicket.ForUpdate(record, current, Options);

        Assert.Equal(["vip", ZendeskDispositionTicket.MarkerTag, "connectors_outcome_resolved", ZendeskDispositionTicket.RevisionTag(record)], update.Tags);
        Assert.Equal((true, "2026-11-21T09:00:00Z"), (update.SafeUpdate, update.UpdatedStamp));
        Assert.False(update.Comment!.Public);
        Assert.Null(update.ExternalId);
    }
    [Fact]
    public void An_interim_write_on_a_dispositioned_ticket_adds_its_comment_and_revision_and_decides_nothing_else()
    {
        var transfer = new DispositionRecord { CallKey = "CA-2", WriteName = "baton-transfer", Interim = true, OutcomeCode = "transferred", Summary = "Intent: refund", CallStartedAt = DateTimeOffset.UnixEpoch };
        var dispositioned = new ZendeskWire.Ticket
        {
            Id = 8,
            UpdatedAt = "2026-11-21T09:00:00Z",
            Tags = ["vip", ZendeskDispositionTicket.MarkerTag, "connectors_outcome_resolved", "connectors_rev_0123456789abcdef"],
        };

        var late = ZendeskDispositionTicket.ForUpdate(transfer, dispositioned, Options);
        var early = ZendeskDispositionTicket.ForUpdate(transfer, dispositioned with { Tags = ["vip"] }, Options);

        Assert.Null(late.Status);
        Assert.Null(late.Subject);
        Assert.Null(late.CustomFields);
        Assert.Null(late.RequesterId);
        Assert.Equal([.. dispositioned.Tags, ZendeskDispositionTicket.RevisionTag(transfer)], late.Tags);
        Assert.StartsWith("Intent: refund", late.Comment!.Body, StringComparison.Ordinal);
        Assert.Equal(("open", "connectors_outcome_transferred"), (early.Status, early.Tags![1]));
        Assert.NotEqual(ZendeskDispositionTicket.RevisionTag(transfer), ZendeskDispositionTicket.RevisionTag(transfer with { Interim = false, WriteName = "disposition" }));
    }
}
