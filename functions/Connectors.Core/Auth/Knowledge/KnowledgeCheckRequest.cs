namespace Connectors.Core.Auth.Knowledge;

/// <summary>The caller's answers. Never logged or stored.</summary>
public sealed record KnowledgeCheckRequest(string? LastFour, string? BillingZip, string? DateOfBirth = null);
