namespace Connectors.Core.Auth.Knowledge;

/// <summary>
/// The knowledge answers on file as the session keeps them: keyed hashes (<see cref="StepUpKeyring.HashKnowledgeAnswer"/>)
/// of the normalised card last four, billing ZIP and date of birth, bound to the account. Null where the CRM holds none.
/// </summary>
public sealed record KnowledgeDigests(string? LastFour, string? BillingZip, string? DateOfBirth);
