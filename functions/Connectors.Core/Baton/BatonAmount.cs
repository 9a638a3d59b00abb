namespace Connectors.Core.Baton;

/// <summary>A sum the call is about, e.g. the disputed 59.00 USD "duplicate charge".</summary>
public sealed record BatonAmount(decimal Value, string Currency, string Label);
