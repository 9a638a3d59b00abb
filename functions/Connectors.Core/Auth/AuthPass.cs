namespace Connectors.Core.Auth;

/// <summary>A method the caller passed, bound to the account it was proved against.</summary>
public sealed record AuthPass(AuthMethod Method, AssuranceLevel Level, string AccountId, DateTimeOffset At);
