namespace Connectors.Simulators.Faults;

/// <summary>What to do to one request: wait <see cref="Latency"/>, then misbehave as <see cref="Kind"/> says.</summary>
public sealed record FaultDecision(FaultKind Kind, TimeSpan Latency);
