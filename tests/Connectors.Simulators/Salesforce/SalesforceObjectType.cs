namespace Connectors.Simulators.Salesforce;

/// <summary>A simulated sObject: its fields and the child relationships a SOQL subquery can name.</summary>
public sealed class SalesforceObjectType
{
    private readonly Dictionary<string, SalesforceField> _fields;

    public SalesforceObjectType(string name, string keyPrefix, IEnumerable<SalesforceField> fields, IReadOnlyDictionary<string, (string ChildObject, string ForeignKey)>? children = null)
    {
        Name = name;
        KeyPrefix = keyPrefix;
        _fields = fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        Children = new Dictionary<string, (string, string)>(children ?? new Dictionary<string, (string, string)>(), StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }

    public string KeyPrefix { get; }

    public IEnumerable<SalesforceField> Fields => _fields.Values;

    /// <summary>Child relationship name (e.g. <c>Contacts</c>) → child object and its field pointing here.</summary>
    public IReadOnlyDictionary<string, (string ChildObject, string ForeignKey)> Children { get; }

    public SalesforceField? Field(string name) => _fields.GetValueOrDefault(name);

    /// <summary>The reference field whose relationship name is <paramref name="relationship"/> (Contact.Account → AccountId).</summary>
    public SalesforceField? ParentRelationship(string relationship) =>
        _fields.Values.FirstOrDefault(f => string.Equals(f.Relationship, relationship, StringComparison.OrdinalIgnoreCase));
}
