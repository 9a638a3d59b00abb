using System.Globalization;
using System.Text.RegularExpressions;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Crm.DryRun;
using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>
/// Dry run differs from a live call at one layer: the same flow performs the same real reads, writes
/// nothing to Zendesk, and its ledger (Table Storage, here Azurite) holds exactly what the live call sent.
/// </summary>
public sealed partial class ZendeskDryRunTests
{
    private const string CallKey = "CA-dry-vs-live";

    [Fact]
    public async Task A_dry_run_reads_for_real_writes_nothing_and_ledgers_exactly_what_the_live_call_writes()
    {
        await using var live = await ZendeskHarness.StartAsync();
        await using var dry = await ZendeskHarness.StartAsync();
        var liveTickets = live.Simulator.Account.TicketCount;
        var dryTickets = dry.Simulator.Account.TicketCount;

        var liveRun = await RunCallAsync(live, ZendeskHarness.Live(CallKey));
        var dryRun = await RunCallAsync(dry, ZendeskHarness.Dry(CallKey));

        // The dry call answered every layer above the HTTP client as the live one was answered.
        Assert.Equal(liveRun with { TicketId = "", NoteId = "" }, dryRun with { TicketId = "", NoteId = "" });
        Assert.NotEqual(liveRun.TicketId, dryRun.TicketId);

        // Nothing reached Zendesk from the dry call but reads, and the reads it made are real.
        Assert.Equal(liveTickets + 1, live.Simulator.Account.TicketCount);
        Assert.Equal(dryTickets, dry.Simulator.Account.TicketCount);
        Assert.Empty(dry.Simulator.Account.Displays);
        var dryRequests = dry.Simulator.Requests.Entries;
        Assert.All(dryRequests, r => Assert.Equal("GET", r.Method));
        string[] expectedReads =
        [
            "/api/v2/search.json?query=role%3Aend-user%20phone%3A%2A4155550101",
            $"/api/v2/users/{MariaGarciaId}.json",
            $"/api/v2/users/{MariaGarciaId}/tickets/requested.json?sort_by=created_at&sort_order=desc&per_page=100",
            "/api/v2/tickets.json?external_id=" + IdempotencyKey.For(CallKey, "disposition"),
        ];
        Assert.Equal(expectedReads.Order(StringComparer.Ordinal), dryRequests.Select(r => r.PathAndQuery).Order(StringComparer.Ordinal));
        Assert.All(dryRequests, r => Assert.Contains(live.Simulator.Requests.Entries, l => l.PathAndQuery == r.PathAndQuery));

        // The ledger, read back from Azurite, holds the live call's writes exactly.
        var entries = await dry.Ledger.ForCallAsync(CallKey, CancellationToken.None);
        var liveWrites = live.Simulator.Requests.Entries.Where(r => r.IsWrite).ToList();
        Assert.Equal(liveWrites.Count, entries.Count);
        Assert.Equal(4, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (sent, recorded) = (liveWrites[i], entries[i]);
            Assert.Equal(sent.Method, recorded.Method);
            Assert.Equal(Normalise(sent.PathAndQuery, liveRun.TicketId), Normalise(recorded.Path, dryRun.TicketId));
            Assert.Equal(Normalise(sent.Body, liveRun.TicketId), Normalise(recorded.Body, dryRun.TicketId));
            Assert.NotNull(recorded.IdempotencyKey);
            if (sent.Header("Idempotency-Key") is { } key)
            {
                Assert.Equal(key, recorded.IdempotencyKey);
            }
        }

        Assert.Equal(["POST", "POST", "PUT", "POST"], entries.Select(e => e.Method));
        Assert.Equal(IdempotencyKey.For(CallKey, "disposition"), entries[1].IdempotencyKey);
        Assert.Equal((201, dryRun.TicketId), (entries[1].SimulatedStatus, entries[1].SimulatedRecordId));
    }

    /// <summary>A whole call: find the caller, read the account, pop it, write the disposition and transcript, pop the ticket, repeat the writes.</summary>
    private static async Task<CallOutcome> RunCallAsync(ZendeskHarness zendesk, CrmCallContext call)
    {
        var connector = zendesk.Connector;
        var ct = CancellationToken.None;
        var candidates = await connector.FindByPhoneAsync(PhoneNumber.Parse(SharedPhoneE164, "1"), call, ct);
        var snapshot = await connector.GetAccountSnapshotAsync(MariaGarciaId.ToString(CultureInfo.InvariantCulture), call, ct);
        var userPop = await connector.PopRecordAsync(new ScreenPopRequest(AvaAgentId.ToString(CultureInfo.InvariantCulture), "user", snapshot!.AccountId), call, ct);
        var disposition = await connector.UpsertDispositionAsync(ZendeskDispositionTests.Disposition(CallKey), call, ct);
        var note = await connector.AddNoteAsync(new CrmNote(CallKey, disposition.RecordId, "transcript", "Call transcript", "Agent: How can I help?\nCaller: My card was declined."), call, ct);
        var ticketPop = await connector.PopRecordAsync(new ScreenPopRequest(AvaAgentId.ToString(CultureInfo.InvariantCulture), "ticket", disposition.RecordId), call, ct);
        var repeatDisposition = await connector.UpsertDispositionAsync(ZendeskDispositionTests.Disposition(CallKey), call, ct);
        var repeatNote = await connector.AddNoteAsync(new CrmNote(CallKey, disposition.RecordId, "transcript", "Call transcript", "Agent: How can I help?\nCaller: My card was declined."), call, ct);
        Assert.Equal(disposition.RecordId, repeatDisposition.RecordId);
        Assert.Equal(note.NoteId, repeatNote.NoteId);
        return new CallOutcome(
            candidates.Count,
            snapshot.Balance,
            userPop.Delivered,
            disposition.Outcome,
            disposition.RecordId,
            note.AlreadyPresent,
            note.NoteId,
            ticketPop.Delivered,
            repeatDisposition.Outcome,
            repeatNote.AlreadyPresent);
    }

    /// <summary>The ticket id differs (Zendesk's counter vs a key-derived id) and so does the stamp a safe update sends back.</summary>
    private static string? Normalise(string? text, string ticketId) =>
        text is null ? null : UpdatedStamp().Replace(text.Replace(ticketId, "{ticket}", StringComparison.Ordinal), "\"updated_stamp\":\"{stamp}\"");

    [GeneratedRegex("\"updated_stamp\":\"[^\"]*\"", RegexOptions.CultureInvariant)]
    private static partial Regex UpdatedStamp();

    private sealed record CallOutcome(
        int Candidates,
        decimal? Balance,
        bool UserPopped,
        DispositionWriteOutcome Disposition,
        string TicketId,
        bool NoteAlreadyPresent,
        string NoteId,
        bool TicketPopped,
        DispositionWriteOutcome RepeatDisposition,
        bool RepeatNoteAlreadyPresent);
}
