using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Zendesk;
using static Connectors.Simulators.Zendesk.ZendeskSeedData;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>Notes and transcripts are private comments, keyed so a repeat never adds a second one.</summary>
public sealed class ZendeskNoteTests
{
    [Fact]
    public async Task A_note_is_added_once_as_a_private_comment_and_a_repeat_finds_it()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        var note = new CrmNote("CA-note", MariaOpenTicketId.ToString(), "transcript", "Call transcript", "Agent: Hello.\nCaller: My card was declined.");

        var added = await zendesk.Connector.AddNoteAsync(note, ZendeskHarness.Live("CA-note"), CancellationToken.None);
        var repeated = await zendesk.Connector.AddNoteAsync(note, ZendeskHarness.Live("CA-note"), CancellationToken.None);

        Assert.False(added.AlreadyPresent);
        Assert.True(repeated.AlreadyPresent);
        Assert.Equal(added.NoteId, repeated.NoteId);
        var ticket = zendesk.Simulator.Account.Ticket(MariaOpenTicketId)!;
        var comment = Assert.Single(ticket.Comments, c => c.Body.Contains("My card was declined.", StringComparison.Ordinal));
        Assert.Equal(added.NoteId, comment.Id.ToString());
        Assert.False(comment.Public);
        Assert.EndsWith(ZendeskCrmConnector.NoteMarker(IdempotencyKey.For("CA-note", "transcript")), comment.Body, StringComparison.Ordinal);
        Assert.Single(zendesk.Simulator.Requests.Entries, r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_note_update_that_timed_out_after_committing_is_not_written_twice()
    {
        await using var zendesk = await ZendeskHarness.StartAsync(settings: new Dictionary<string, string?> { ["Zendesk:Resilience:AttemptTimeout"] = "00:00:01" });
        zendesk.Simulator.Faults.Profile = new FaultProfile { LateAnswerDelay = TimeSpan.FromSeconds(2.5) };
        zendesk.Simulator.ScriptFault(FaultKind.LateAnswer, "PUT", "/api/v2/tickets/");
        var note = new CrmNote("CA-note-late", MariaOpenTicketId.ToString(), "transcript", "Call transcript", "Caller: please call me back.");

        var result = await zendesk.Connector.AddNoteAsync(note, ZendeskHarness.Live("CA-note-late"), CancellationToken.None);

        // The retried update carried the old stamp, met the committed one (409), and the re-read found the note.
        Assert.True(result.AlreadyPresent);
        Assert.Single(zendesk.Simulator.Account.Ticket(MariaOpenTicketId)!.Comments, c => c.Body.Contains("please call me back", StringComparison.Ordinal));
        Assert.Contains(zendesk.Simulator.Requests.Entries, r => r.Method == "PUT" && r.Status == 409);
    }

    [Fact]
    public async Task A_note_racing_an_agent_comment_is_retried_under_the_new_stamp_and_both_comments_stay()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();
        zendesk.Simulator.BeforeNext("PUT", $"/api/v2/tickets/{DanaOnHoldTicketId}", account => account.EditTicketAsAgent(DanaOnHoldTicketId,
            t => t.Comments.Add(new ZendeskSimComment { Id = 77, Body = "Agent: sent the statement.", AuthorId = AvaAgentId, Public = false })));
        var note = new CrmNote("CA-note-race", DanaOnHoldTicketId.ToString(), "note", "Call note", "Caller confirmed the address.");

        var result = await zendesk.Connector.AddNoteAsync(note, ZendeskHarness.Live("CA-note-race"), CancellationToken.None);

        Assert.False(result.AlreadyPresent);
        var comments = zendesk.Simulator.Account.Ticket(DanaOnHoldTicketId)!.Comments;
        Assert.Single(comments, c => c.Body.Contains("sent the statement", StringComparison.Ordinal));
        Assert.Single(comments, c => c.Body.Contains("Caller confirmed the address.", StringComparison.Ordinal));
        Assert.Equal([409, 200], zendesk.Simulator.Requests.Entries.Where(r => r.Method == "PUT").Select(r => r.Status));
    }

    [Fact]
    public async Task A_note_for_a_ticket_that_does_not_exist_is_rejected()
    {
        await using var zendesk = await ZendeskHarness.StartAsync();

        var missing = await Assert.ThrowsAsync<CrmRejectedException>(() => zendesk.Connector.AddNoteAsync(
            new CrmNote("CA-gone", "12345678", "note", "Note", "Body"), ZendeskHarness.Live("CA-gone"), CancellationToken.None));
        var malformed = await Assert.ThrowsAsync<CrmRejectedException>(() => zendesk.Connector.AddNoteAsync(
            new CrmNote("CA-gone", "not-a-ticket", "note", "Note", "Body"), ZendeskHarness.Live("CA-gone"), CancellationToken.None));

        Assert.Equal((404, "RecordNotFound"), (missing.Status, missing.ErrorCode));
        Assert.Equal(400, malformed.Status);
        Assert.DoesNotContain(zendesk.Simulator.Requests.Entries, r => r.IsWrite);
    }
}
