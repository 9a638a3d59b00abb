namespace Connectors.Core.Baton;

/// <summary>The answer to an append: how many turns the baton keeps, how many were summarised out, until when it lives.</summary>
public sealed record BatonAppendResult(string CallId, int Turns, int SummarisedOutTurns, DateTimeOffset ExpiresAt);
