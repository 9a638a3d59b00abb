namespace Connectors.Simulators.Salesforce;

/// <summary>A selected field path or a child subquery.</summary>
public sealed record SoqlSelectItem(string? Field, SoqlQuery? Subquery);
