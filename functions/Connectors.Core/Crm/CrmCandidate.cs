namespace Connectors.Core.Crm;

/// <summary>
/// An account a lookup matched. A candidate, not an identity: nothing of it but the display name is
/// shown before a gate passes. <paramref name="MatchedOn"/> is <c>phone</c> or <c>account-number</c>.
/// </summary>
public sealed record CrmCandidate(string AccountId, string DisplayName, string MatchedOn, string? ContactId = null);
