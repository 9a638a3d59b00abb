namespace Connectors.Simulators.Zendesk;

/// <summary>A record the Talk Partner Edition API opened in an agent's browser.</summary>
public sealed record ZendeskDisplay(long AgentId, string RecordType, long RecordId, DateTimeOffset At);
