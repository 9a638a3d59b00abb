namespace Connectors.Simulators.Salesforce;

/// <summary>
/// The org's records, in memory. Everything that reads or changes records holds <see cref="Gate"/>, so an
/// upsert's match-then-write is atomic as it is in Salesforce. Reads hand out copies.
/// </summary>
public sealed class SalesforceOrg
{
    private readonly Dictionary<string, List<SalesforceRecord>> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly SalesforceIdGenerator _ids = new();
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan> _indexLag;
    private int _caseNumber;

    public SalesforceOrg(SalesforceSchema schema, TimeProvider clock, Func<TimeSpan> indexLag)
    {
        Schema = schema;
        _clock = clock;
        _indexLag = indexLag;
        foreach (var type in schema.Types)
        {
            _records[type.Name] = [];
        }
    }

    public SalesforceSchema Schema { get; }

    internal object Gate { get; } = new();

    /// <summary>
    /// Adds a record as seed data or a test's arrangement: system fields (CreatedDate) may be given; the
    /// record is searchable at once unless <paramref name="indexed"/> is false (then after the index lag).
    /// </summary>
    public string Insert(string type, IReadOnlyDictionary<string, object?> values, bool indexed = true)
    {
        var objectType = Schema.Type(type) ?? throw new ArgumentException($"No simulated object {type}.", nameof(type));
        lock (Gate)
        {
            var record = CreateLocked(objectType, values.ToDictionary(
                v => v.Key,
                v => SalesforceValues.FromClr(objectType.Field(v.Key) ?? throw new ArgumentException($"No field {type}.{v.Key}.", nameof(values)), v.Value)));
            if (indexed)
            {
                record.IndexedAt = DateTimeOffset.MinValue;
            }

            return record.Id;
        }
    }

    public int Count(string type)
    {
        lock (Gate)
        {
            return _records.TryGetValue(type, out var rows) ? rows.Count : 0;
        }
    }

    public IReadOnlyList<SalesforceRecord> Records(string type)
    {
        lock (Gate)
        {
            return _records.TryGetValue(type, out var rows) ? rows.Select(r => r.Copy()).ToList() : [];
        }
    }

    public SalesforceRecord? Get(string id)
    {
        lock (Gate)
        {
            return FindLocked(id)?.Copy();
        }
    }

    internal IReadOnlyList<SalesforceRecord> RowsLocked(string type) => _records.TryGetValue(type, out var rows) ? rows : [];

    internal SalesforceRecord? FindLocked(string id) =>
        Schema.TypeOfId(id) is { } type
            ? RowsLocked(type.Name).FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal) || (id.Length == 15 && r.Id.StartsWith(id, StringComparison.Ordinal)))
            : null;

    internal SalesforceRecord CreateLocked(SalesforceObjectType type, IReadOnlyDictionary<string, object?> values)
    {
        var now = _clock.GetUtcNow();
        var record = new SalesforceRecord(type.Name, _ids.Next(type.KeyPrefix));
        record.Fields["CreatedDate"] = now;
        foreach (var (name, value) in values)
        {
            record.Fields[type.Field(name)!.Name] = value;
        }

        record.Fields["LastModifiedDate"] = record["LastModifiedDate"] ?? record["CreatedDate"];
        if (type.Name == "Case")
        {
            record.Fields["CaseNumber"] = (++_caseNumber).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        }

        Derive(record);
        record.IndexedAt = now + _indexLag();
        _records[type.Name].Add(record);
        return record;
    }

    internal void UpdateLocked(SalesforceRecord record, IReadOnlyDictionary<string, object?> values)
    {
        var type = Schema.Type(record.Type)!;
        foreach (var (name, value) in values)
        {
            record.Fields[type.Field(name)!.Name] = value;
        }

        var now = _clock.GetUtcNow();
        record.Fields["LastModifiedDate"] = now;
        Derive(record);
        record.IndexedAt = now + _indexLag();
    }

    /// <summary>Formula-like fields the org computes.</summary>
    private static void Derive(SalesforceRecord record)
    {
        switch (record.Type)
        {
            case "Contact":
                record.Fields["Name"] = $"{record.Text("FirstName")} {record.Text("LastName")}".Trim();
                break;
            case "Case":
                record.Fields["IsClosed"] = string.Equals(record.Text("Status"), "Closed", StringComparison.OrdinalIgnoreCase);
                break;
        }
    }
}
