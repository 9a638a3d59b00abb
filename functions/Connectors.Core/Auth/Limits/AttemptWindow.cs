namespace Connectors.Core.Auth.Limits;

/// <summary>A stored fixed window: when it opened and how many attempts it has counted.</summary>
public sealed record AttemptWindow(DateTimeOffset OpenedAt, int Count);
