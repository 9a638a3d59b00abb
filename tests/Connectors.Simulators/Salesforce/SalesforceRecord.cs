namespace Connectors.Simulators.Salesforce;

/// <summary>
/// One stored record. Values are string, decimal, bool, DateOnly (date fields) or DateTimeOffset
/// (date-time fields); an absent field and a null one mean the same.
/// </summary>
public sealed class SalesforceRecord
{
    public SalesforceRecord(string type, string id)
    {
        Type = type;
        Id = id;
        Fields["Id"] = id;
    }

    public string Type { get; }

    public string Id { get; }

    public Dictionary<string, object?> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the search index holds this record's current values (SOSL finds it from then on).</summary>
    public DateTimeOffset IndexedAt { get; set; }

    public object? this[string field] => Fields.GetValueOrDefault(field);

    public string? Text(string field) => this[field] as string;

    internal SalesforceRecord Copy()
    {
        var copy = new SalesforceRecord(Type, Id) { IndexedAt = IndexedAt };
        foreach (var (name, value) in Fields)
        {
            copy.Fields[name] = value;
        }

        return copy;
    }
}
