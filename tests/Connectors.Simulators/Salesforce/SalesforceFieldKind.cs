namespace Connectors.Simulators.Salesforce;

/// <summary>How a field's value is stored and written as JSON.</summary>
public enum SalesforceFieldKind
{
    Id,
    Text,
    Phone,
    Email,
    Number,
    Boolean,
    Date,
    DateTime,
    Reference,
}
