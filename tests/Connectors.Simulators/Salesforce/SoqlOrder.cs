namespace Connectors.Simulators.Salesforce;

public sealed record SoqlOrder(string Field, bool Descending);
