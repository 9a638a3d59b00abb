namespace Connectors.Simulators.Salesforce;

/// <summary>A field of a simulated object, with the flags that change what the REST API allows.</summary>
public sealed record SalesforceField(string Name, SalesforceFieldKind Kind)
{
    /// <summary>Marked External ID: usable in <c>/sobjects/{object}/{field}/{value}</c>.</summary>
    public bool ExternalId { get; init; }

    /// <summary>Marked Unique: the org refuses a second record with the same value.</summary>
    public bool Unique { get; init; }

    /// <summary>Settable on create only (Task.TaskSubtype); an update naming it is refused.</summary>
    public bool CreateOnly { get; init; }

    /// <summary>Never settable through the API (Id, system dates, formula and auto-number fields).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>For references: the parent relationship's name (<c>Account</c> for <c>AccountId</c>).</summary>
    public string? Relationship { get; init; }

    /// <summary>For references: the parent object.</summary>
    public string? ReferenceTo { get; init; }
}
