namespace Connectors.Simulators.AcsSms;

/// <summary>A message the simulated service accepted for one recipient.</summary>
public sealed record AcsSentMessage(string MessageId, string From, string To, string Message, string? RepeatabilityRequestId, DateTimeOffset AcceptedAt);
