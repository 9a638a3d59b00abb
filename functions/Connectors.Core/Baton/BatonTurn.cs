namespace Connectors.Core.Baton;

/// <summary>One transcript turn, already redacted. <see cref="Speaker"/> is <c>caller</c>, <c>bot</c>, <c>agent</c> or <c>system</c>.</summary>
public sealed record BatonTurn(string Speaker, string Text, DateTimeOffset At);
