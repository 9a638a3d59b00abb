using Microsoft.Extensions.Logging;
using static Connectors.Core.Crm.Zendesk.ZendeskWire;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// A note (the redacted transcript) as a private comment on the call's ticket, ending with a marker line that
/// carries the note's key. The ticket's stamp is read before its comments, and the comment is added with a safe
/// update under that stamp: if the marker is absent but someone (or our own timed-out attempt) wrote since,
/// Zendesk answers 409 and the comments are read again, so a repeat never adds a second comment.
/// </summary>
internal sealed class ZendeskNoteWriter
{
    private readonly ZendeskApiClient _api;
    private readonly ZendeskOptions _options;
    private readonly ILogger _logger;

    public ZendeskNoteWriter(ZendeskApiClient api, ZendeskOptions options, ILogger logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
    }

    /// <summary>The last line of a note's comment: how a repeat recognises the note it already wrote.</summary>
    public static string Marker(string key) => $"[connectors-note {key}]";

    public async Task<CrmNoteResult> AddAsync(CrmNote note, long ticketId, CrmCallContext call, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey.For(note.CallKey, note.NoteName);
        var marker = Marker(key);
        for (var attempt = 0; attempt < _options.MaxConflictRetries; attempt++)
        {
            var ticket = await _api.GetTicketAsync(ticketId, call, cancellationToken) ?? throw ZendeskIds.TicketMissing(ticketId);
            var comments = await _api.GetCommentsAsync(ticketId, call, cancellationToken) ?? throw ZendeskIds.TicketMissing(ticketId);
            var earlier = comments.FirstOrDefault(c => (c.Body ?? c.PlainBody ?? string.Empty).Contains(marker, StringComparison.Ordinal));
            if (earlier is not null)
            {
                _logger.LogInformation("Zendesk note already on ticket {TicketId} as comment {CommentId}", ticketId, earlier.Id);
                return new CrmNoteResult(ZendeskIds.Text(earlier.Id), AlreadyPresent: true);
            }

            var update = new TicketWrite
            {
                Comment = new CommentWrite { Body = $"{note.Title}\n\n{note.Body}\n\n{marker}", Public = false },
                SafeUpdate = true,
                UpdatedStamp = ticket.UpdatedAt,
            };
            var result = await _api.UpdateTicketAsync(ticketId, update, key, call, "add-note", cancellationToken);
            if (!result.Conflict)
            {
                var commentId = result.Audit?.Events?.FirstOrDefault(e => e.Type is "Comment" or "VoiceComment")?.Id ?? result.Audit?.Id ?? 0;
                _logger.LogInformation("Zendesk note added to ticket {TicketId} as comment {CommentId}", ticketId, commentId);
                return new CrmNoteResult(ZendeskIds.Text(commentId), AlreadyPresent: false);
            }

            _logger.LogInformation("Zendesk ticket {TicketId} changed under the note (safe update conflict); reading it again", ticketId);
        }

        throw new CrmUnavailableException(CrmKind.Zendesk, "conflict", outcomeUnknown: false);
    }
}
