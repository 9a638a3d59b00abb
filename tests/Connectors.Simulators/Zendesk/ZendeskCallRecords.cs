namespace Connectors.Simulators.Zendesk;

/// <summary>
/// Every ticket a call left in the account, whatever write made it and whatever key it carries: the tickets whose
/// subject or comments name the call. "Records per call" is counted over these, not per write name, so a second
/// ticket made under another key still counts against the call.
/// </summary>
public static class ZendeskCallRecords
{
    public static IReadOnlyList<ZendeskSimTicket> TicketsOfCall(this ZendeskAccount account, string callKey)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(callKey);
        lock (account.Sync)
        {
            return account.TicketTable.Values
                .Where(t => t.Subject.Contains(callKey, StringComparison.Ordinal)
                            || t.Comments.Any(c => c.Body.Contains(callKey, StringComparison.Ordinal)))
                .Select(t => t.Clone())
                .ToList();
        }
    }
}
