namespace Connectors.Core.Auth;

/// <summary>
/// One audited attempt at a method. <paramref name="Outcome"/> is a short code such as
/// <c>passed</c>, <c>failed</c>, <c>locked-out</c>, <c>expired</c>; never the code, the answer or a full number.
/// </summary>
public sealed record AuthAttempt(AuthMethod Method, string Outcome, DateTimeOffset At, string? AccountId = null);
