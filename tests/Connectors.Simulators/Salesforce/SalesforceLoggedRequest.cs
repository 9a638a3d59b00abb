namespace Connectors.Simulators.Salesforce;

/// <summary>
/// One request as the simulator saw it. Headers are never kept (they carry the bearer token); the body is
/// kept for REST writes only (the token request's body carries the client secret).
/// <see cref="Status"/> is 0 for a dropped connection; <see cref="Fault"/> names an injected fault.
/// </summary>
public sealed record SalesforceLoggedRequest(DateTimeOffset At, string Method, string Path, int Status, string? Body, string? Fault);
