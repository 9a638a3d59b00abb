using System.Text.RegularExpressions;
using Connectors.Core.Baton;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Zendesk;
using Connectors.Simulators.Salesforce;
using Connectors.Simulators.Zendesk;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// Every record one call made in a CRM simulator, whatever write made it and whatever key it carries (issue 14: a
/// transferred Zendesk call made two tickets, and counting by the disposition's key alone saw one). "Records per call"
/// is counted over these, never per write name: Salesforce, a record of any object with a text field that names the
/// call or holds one of its keys; Zendesk, a ticket under one of the call's keys, or whose subject or comments name it.
/// "Names" is the whole id, so call-1 is not found inside call-10.
/// </summary>
public static class CallRecords
{
    /// <summary>The writes a call makes; a record under another key is still found by the call it names.</summary>
    private static readonly string[] WriteNames = [ZendeskCallTicket.KeyWriteName, BatonTransferService.CrmWriteName];

    public static IReadOnlyList<SalesforceRecord> Salesforce(SalesforceSimulator salesforce, string callId)
    {
        ArgumentNullException.ThrowIfNull(salesforce);
        var keys = Keys(callId);
        var names = Names(callId);
        return [.. salesforce.Org.Schema.Types
            .SelectMany(t => salesforce.Org.Records(t.Name))
            .Where(r => r.Fields.Values.OfType<string>().Any(v => keys.Contains(v) || names.IsMatch(v)))];
    }

    public static IReadOnlyList<ZendeskSimTicket> Zendesk(ZendeskSimulator zendesk, string callId)
    {
        ArgumentNullException.ThrowIfNull(zendesk);
        var keys = Keys(callId);
        var names = Names(callId);
        return [.. zendesk.Account.Tickets().Where(t =>
            (t.ExternalId is { } key && keys.Contains(key))
            || names.IsMatch(t.Subject)
            || t.Comments.Any(c => names.IsMatch(c.Body)))];
    }

    private static HashSet<string> Keys(string callId) => WriteNames.Select(w => IdempotencyKey.For(callId, w)).ToHashSet(StringComparer.Ordinal);

    private static Regex Names(string callId) =>
        new($"(?<![A-Za-z0-9._:-]){Regex.Escape(callId)}(?![A-Za-z0-9._:-])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
