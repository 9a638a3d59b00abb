namespace Connectors.Simulators.Salesforce;

/// <summary><c>Field = value</c> or <c>Field != value</c>; the value is string, decimal, bool or null.</summary>
public sealed record SoqlCondition(string Field, bool Negated, object? Value);
