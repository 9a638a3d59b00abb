namespace Connectors.Core.Auth.Limits;

/// <summary>
/// Whether an attempt may go ahead. <see cref="Remaining"/> counts what is left after this one;
/// <see cref="ResetsAt"/> is when the window closes (when a refused caller may try again).
/// </summary>
public sealed record CounterDecision(bool Allowed, int Remaining, DateTimeOffset ResetsAt);
