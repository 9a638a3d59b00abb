namespace Connectors.Simulators.GraphMail;

/// <summary>A message the simulated mailbox accepted (202: queued).</summary>
public sealed record GraphSentMail(string Mailbox, IReadOnlyList<string> To, string? Subject, string? ContentType, string? Content, bool SaveToSentItems, DateTimeOffset AcceptedAt);
