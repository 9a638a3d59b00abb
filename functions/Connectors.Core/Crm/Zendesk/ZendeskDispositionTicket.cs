using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using static Connectors.Core.Crm.Zendesk.ZendeskWire;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// The disposition as a Zendesk ticket: a private comment with the summary and the call's facts, the
/// idempotency key as <c>external_id</c>, and tags that say what the ticket holds. A pure function of the
/// record, so every attempt of one write sends the same bytes (a changed body under the same key is what
/// Zendesk refuses with IdempotentRequestError).
/// </summary>
internal static class ZendeskDispositionTicket
{
    public const string MarkerTag = "connectors_disposition";
    public const string OutcomeTagPrefix = "connectors_outcome_";

    /// <summary>Names the content a ticket carries, so a repeat can tell "already there" from "needs an update".</summary>
    public const string RevisionTagPrefix = "connectors_rev_";

    public static TicketWrite ForCreate(DispositionRecord disposition, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        return new TicketWrite
        {
            Subject = Subject(disposition),
            Comment = new CommentWrite { Body = CommentBody(disposition), Public = false },
            RequesterId = RequesterId(disposition),
            ExternalId = idempotencyKey,
            Tags = [MarkerTag, OutcomeTag(disposition), RevisionTag(disposition)],
        };
    }

    /// <summary>
    /// Brings an existing ticket to this disposition: our tags replaced, the agents' tags kept, the new
    /// summary added as a private comment, and the ticket's stamp sent back so a concurrent edit is not lost.
    /// </summary>
    public static TicketWrite ForUpdate(DispositionRecord disposition, Ticket current)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        ArgumentNullException.ThrowIfNull(current);
        var kept = (current.Tags ?? []).Where(t => !IsOurs(t));
        return new TicketWrite
        {
            Subject = Subject(disposition),
            Comment = new CommentWrite { Body = "Disposition updated.\n\n" + CommentBody(disposition), Public = false },
            RequesterId = RequesterId(disposition),
            Tags = kept.Concat([MarkerTag, OutcomeTag(disposition), RevisionTag(disposition)]).Distinct(StringComparer.Ordinal).ToList(),
            SafeUpdate = true,
            UpdatedStamp = current.UpdatedAt,
        };
    }

    public static bool Holds(Ticket ticket, DispositionRecord disposition) =>
        ticket.Tags?.Contains(RevisionTag(disposition), StringComparer.Ordinal) == true;

    public static string RevisionTag(DispositionRecord disposition)
    {
        var content = string.Join('\n', Subject(disposition), disposition.OutcomeCode, CommentBody(disposition), disposition.AccountId ?? string.Empty);
        return RevisionTagPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
    }

    private static bool IsOurs(string tag) =>
        tag == MarkerTag
        || tag.StartsWith(OutcomeTagPrefix, StringComparison.Ordinal)
        || tag.StartsWith(RevisionTagPrefix, StringComparison.Ordinal);

    private static string Subject(DispositionRecord disposition) =>
        disposition.Subject
        ?? string.Create(CultureInfo.InvariantCulture, $"Phone call {disposition.CallStartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {disposition.OutcomeCode}");

    /// <summary>Zendesk tags are lowercase words; anything else in an outcome code becomes an underscore.</summary>
    private static string OutcomeTag(DispositionRecord disposition)
    {
        var tag = new StringBuilder(OutcomeTagPrefix);
        foreach (var c in disposition.OutcomeCode.ToLowerInvariant())
        {
            tag.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return tag.ToString();
    }

    private static long? RequesterId(DispositionRecord disposition) =>
        long.TryParse(disposition.AccountId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string CommentBody(DispositionRecord disposition)
    {
        var body = new StringBuilder();
        body.Append(disposition.Summary.Trim()).Append("\n\n");
        body.Append(CultureInfo.InvariantCulture, $"Outcome: {disposition.OutcomeCode}\n");
        body.Append(CultureInfo.InvariantCulture, $"Call: {disposition.CallKey}\n");
        body.Append(CultureInfo.InvariantCulture, $"Started: {disposition.CallStartedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\n");
        if (disposition.DurationSeconds is { } seconds)
        {
            body.Append(CultureInfo.InvariantCulture, $"Duration: {seconds} s\n");
        }

        if (disposition.CallerE164 is { Length: > 0 } caller)
        {
            body.Append(CultureInfo.InvariantCulture, $"Caller: {caller}\n");
        }

        return body.ToString().TrimEnd('\n');
    }
}
