namespace Connectors.Core.Signals;

/// <summary>
/// What an agent said about a transfer on the baton page: whether the caller had to explain again what the AI
/// already knew: the signals' view of the agent page's feedback rows (<see cref="AgentFeedbackReader"/>).
/// </summary>
public sealed record AgentFeedback(string CallId, bool ReExplained, DateTimeOffset At);
