using System.Globalization;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>Zendesk ids are positive 64-bit integers; the port speaks them as invariant strings.</summary>
internal static class ZendeskIds
{
    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? value, out long id) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    public static long? Optional(string? value) => TryParse(value, out var id) ? id : null;

    public static CrmRejectedException TicketMissing(long ticketId) =>
        new(CrmKind.Zendesk, 404, "RecordNotFound", $"Ticket {Text(ticketId)} does not exist.");
}
