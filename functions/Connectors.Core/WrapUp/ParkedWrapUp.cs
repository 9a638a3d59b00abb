namespace Connectors.Core.WrapUp;

/// <summary>A wrap-up that could not finish: the step it stopped at, why, and the last error (never a payload or PII).</summary>
public sealed record ParkedWrapUp(string CallId, string Step, string Reason, string? LastError, DateTimeOffset ParkedAt);
