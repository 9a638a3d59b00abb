namespace Connectors.Simulators.Salesforce;

/// <summary>
/// Every record a call left in the org, of any object, whatever write made it and whatever key it carries: the records
/// with a text field naming the call (a Task's <c>CallObject</c>, a description). "Records per call" is counted over
/// these, not per write name.
/// </summary>
public static class SalesforceCallRecords
{
    public static IReadOnlyList<SalesforceRecord> RecordsOfCall(this SalesforceOrg org, string callKey)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentException.ThrowIfNullOrEmpty(callKey);
        return org.Schema.Types
            .SelectMany(t => org.Records(t.Name))
            .Where(r => r.Fields.Values.OfType<string>().Any(v => v.Contains(callKey, StringComparison.Ordinal)))
            .ToList();
    }
}
