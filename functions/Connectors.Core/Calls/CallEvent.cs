namespace Connectors.Core.Calls;

/// <summary>One thing that happened on the call, for replay and audit. <paramref name="Detail"/> never holds PII.</summary>
public sealed record CallEvent(DateTimeOffset At, string Kind, string? Detail = null);
