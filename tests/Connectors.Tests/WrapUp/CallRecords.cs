using Connectors.Core.Baton;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;
using Connectors.Simulators.Salesforce;
using Connectors.Simulators.Zendesk;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// Every record one call made in a CRM simulator, whatever write made it (issue 14: a transferred Zendesk call made
/// two tickets, and counting by the disposition's key alone saw one). Salesforce: every Task whose CallObject is the
/// call or that carries one of the call's keys. Zendesk: every ticket keyed by one of the call's writes, or whose
/// comments name the call (the disposition comment's "Call:" line).
/// </summary>
public static class CallRecords
{
    /// <summary>The writes a call makes today; a record under another key is still found by the call it names.</summary>
    private static readonly string[] WriteNames = ["disposition", BatonTransferService.CrmWriteName, ZendeskCrmConnector.VoiceTicketWriteName];

    public static IReadOnlyList<SalesforceRecord> Salesforce(SalesforceSimulator salesforce, string callId)
    {
        ArgumentNullException.ThrowIfNull(salesforce);
        var keys = Keys(callId);
        return [.. salesforce.Org.Records("Task").Where(r => r.Text("CallObject") == callId || (r.Text("CallLog_Key__c") is { } key && keys.Contains(key)))];
    }

    public static IReadOnlyList<ZendeskSimTicket> Zendesk(ZendeskSimulator zendesk, string callId)
    {
        ArgumentNullException.ThrowIfNull(zendesk);
        var keys = Keys(callId);
        var line = "Call: " + callId;
        return [.. zendesk.Account.Tickets().Where(t =>
            (t.ExternalId is { } key && keys.Contains(key))
            || t.Comments.Any(c => c.Body.Split('\n').Any(l => l.Trim() == line)))];
    }

    private static HashSet<string> Keys(string callId) => WriteNames.Select(w => IdempotencyKey.For(callId, w)).ToHashSet(StringComparer.Ordinal);
}
