using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using static Connectors.Core.Crm.Zendesk.ZendeskWire;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// A write of the call as its Zendesk ticket: a private comment with the summary and the call's facts, the call's
/// ticket key as <c>external_id</c>, the status, the outcome (a tag, and a custom field when one is configured), and
/// a revision tag per write that says what the ticket already holds. A pure function of the record and the ticket,
/// so every attempt of one write sends the same bytes (a changed body under the same key is what Zendesk refuses
/// with IdempotentRequestError).
/// </summary>
/// <remarks>
/// The final write (the disposition) owns the ticket's subject, status and outcome. An interim write (the warm
/// transfer's) sets them only while no disposition is on the ticket, so a late transfer write after the wrap-up adds
/// its comment and changes nothing the disposition said.
/// </remarks>
internal static class ZendeskDispositionTicket
{
    /// <summary>The ticket holds the call's final disposition.</summary>
    public const string MarkerTag = "connectors_disposition";
    public const string OutcomeTagPrefix = "connectors_outcome_";

    /// <summary>Names the content the final write put on the ticket, so a repeat can tell "already there" from "needs an update".</summary>
    public const string RevisionTagPrefix = "connectors_rev_";

    /// <summary>The status a ticket takes while an interim write (the transfer) is the latest word on it.</summary>
    public const string InterimStatus = "open";

    public static TicketWrite ForCreate(DispositionRecord disposition, string ticketKey, ZendeskOptions options)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        ArgumentNullException.ThrowIfNull(options);
        return new TicketWrite
        {
            Subject = Subject(disposition),
            Comment = new CommentWrite { Body = CommentBody(disposition), Public = false },
            RequesterId = RequesterId(disposition),
            ExternalId = ticketKey,
            Status = Status(disposition, options),
            Tags = disposition.Interim
                ? [OutcomeTag(disposition), RevisionTag(disposition)]
                : [MarkerTag, OutcomeTag(disposition), RevisionTag(disposition)],
            CustomFields = OutcomeField(disposition, options),
        };
    }

    /// <summary>
    /// Brings an existing ticket to this write: its revision tag replaced, the agents' tags and the other writes' kept,
    /// its summary added as a private comment, and the ticket's stamp sent back so a concurrent edit is not lost. What
    /// the ticket says about the call (subject, status, outcome) changes only when this write may decide it.
    /// </summary>
    public static TicketWrite ForUpdate(DispositionRecord disposition, Ticket current, ZendeskOptions options)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        var tags = current.Tags ?? [];
        var finalPresent = HasFinal(current);
        var decides = !disposition.Interim || !finalPresent;
        var revisionPrefix = RevisionPrefix(disposition);
        var kept = tags.Where(t => !t.StartsWith(revisionPrefix, StringComparison.Ordinal)
                                   && !(decides && t.StartsWith(OutcomeTagPrefix, StringComparison.Ordinal)));
        IEnumerable<string> ours = disposition.Interim
            ? decides ? [OutcomeTag(disposition), RevisionTag(disposition)] : [RevisionTag(disposition)]
            : [MarkerTag, OutcomeTag(disposition), RevisionTag(disposition)];
        var heading = disposition.Interim ? string.Empty : finalPresent ? "Disposition updated.\n\n" : "Disposition.\n\n";
        return new TicketWrite
        {
            Subject = decides ? Subject(disposition) : null,
            Comment = new CommentWrite { Body = heading + CommentBody(disposition), Public = false },
            RequesterId = decides ? RequesterId(disposition) : null,
            Status = decides ? Status(disposition, options) : null,
            Tags = kept.Concat(ours).Distinct(StringComparer.Ordinal).ToList(),
            CustomFields = decides ? OutcomeField(disposition, options) : null,
            SafeUpdate = true,
            UpdatedStamp = current.UpdatedAt,
        };
    }

    public static bool Holds(Ticket ticket, DispositionRecord disposition) =>
        ticket.Tags?.Contains(RevisionTag(disposition), StringComparer.Ordinal) == true;

    /// <summary>The final write's is <c>connectors_rev_{hash}</c> (as before calls had one ticket); an interim write's names the write.</summary>
    public static string RevisionTag(DispositionRecord disposition)
    {
        var content = string.Join('\n', Subject(disposition), disposition.OutcomeCode, CommentBody(disposition), disposition.AccountId ?? string.Empty);
        return RevisionPrefix(disposition) + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
    }

    private static bool HasFinal(Ticket ticket) => ticket.Tags?.Contains(MarkerTag, StringComparer.Ordinal) == true;

    private static string RevisionPrefix(DispositionRecord disposition) =>
        disposition.Interim ? "connectors_" + TagWord(disposition.WriteName) + "_rev_" : RevisionTagPrefix;

    private static string Status(DispositionRecord disposition, ZendeskOptions options) =>
        disposition.Interim ? InterimStatus : options.DispositionStatus;

    private static IReadOnlyList<CustomFieldWrite>? OutcomeField(DispositionRecord disposition, ZendeskOptions options) =>
        options.OutcomeFieldId is { } id ? [new CustomFieldWrite(id, disposition.OutcomeCode)] : null;

    private static string Subject(DispositionRecord disposition) =>
        disposition.Subject
        ?? string.Create(CultureInfo.InvariantCulture, $"Phone call {disposition.CallStartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {disposition.OutcomeCode}");

    private static string OutcomeTag(DispositionRecord disposition) => OutcomeTagPrefix + TagWord(disposition.OutcomeCode);

    /// <summary>Zendesk tags are lowercase words; anything else becomes an underscore.</summary>
    private static string TagWord(string text)
    {
        var tag = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
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
