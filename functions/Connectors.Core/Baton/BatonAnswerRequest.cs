namespace Connectors.Core.Baton;

/// <summary>The body of <c>POST /api/calls/{callId}/answered</c>: the human agent who picked up (the CRM's agent/user id).</summary>
public sealed record BatonAnswerRequest(string? AgentId);
