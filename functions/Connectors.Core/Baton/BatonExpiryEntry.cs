namespace Connectors.Core.Baton;

/// <summary>One row of <see cref="BatonExpiryIndex"/>.</summary>
public sealed record BatonExpiryEntry(string Kind, string Key, DateTimeOffset DueAt);
