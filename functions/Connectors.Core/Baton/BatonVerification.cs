namespace Connectors.Core.Baton;

/// <summary>One proof the caller passed for the selected account: the method (<c>knowledgeCheck</c>, <c>smsPasscode</c>, …), its level and when.</summary>
public sealed record BatonVerification(string Method, string Level, DateTimeOffset At);
