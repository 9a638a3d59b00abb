namespace Connectors.Core.Calls;

/// <summary>What an account selection answered; <see cref="Reason"/> is a code for a degrade or a pending.</summary>
public sealed record AccountSelectResult(AccountSelectStatus Status, string? Reason = null);
