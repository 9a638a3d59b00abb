namespace Connectors.Core.Signals;

/// <summary>
/// What an agent said about a transfer on the baton page: whether the caller had to explain again what the AI
/// already knew. The row shape the signals read from the <c>AgentFeedback</c> table (PartitionKey the call id,
/// one row per answer); the feedback endpoint that writes it belongs to the agent page.
/// </summary>
public sealed record AgentFeedback(string CallId, bool ReExplained, DateTimeOffset At);
