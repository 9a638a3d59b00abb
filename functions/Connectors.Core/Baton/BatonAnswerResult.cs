namespace Connectors.Core.Baton;

/// <summary>
/// The answer to <c>POST /api/calls/{callId}/answered</c>: whether the CRM pushed the record to the agent's screen
/// (Zendesk Talk), or the address the agent's CTI opens (Salesforce).
/// </summary>
public sealed record BatonAnswerResult(string CallId, int Version, string AgentId, bool Delivered, string? RecordType, string? RecordId, string? Url, string? Reason);
