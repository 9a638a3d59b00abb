namespace Connectors.Core.Baton;

/// <summary>
/// The body of <c>POST /api/calls/{callId}/transfer</c>: why, and to which queue or skill. <see cref="TransferId"/>
/// (or the <c>Idempotency-Key</c> header) makes a retried transfer the same transfer: its token is rotated, nothing added.
/// </summary>
public sealed record BatonTransferRequest(string? Reason, string? Target, string? TransferId = null);
