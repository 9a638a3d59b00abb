namespace Connectors.Core.Retries;

/// <summary>
/// One platform request as its retries name it: the sender, its request id (webhook request id, assertion id, a hash of
/// Twilio's idempotency token) and the bytes that make it this request (<paramref name="Fingerprint"/>: the signed body,
/// with the URL where the URL carries parameters). <paramref name="AnswerMayBeStored"/> is false for a request whose
/// answer carries what no table may hold (a read's account fields, a transfer's agent link): its retry runs again, on a
/// handler that is idempotent by itself.
/// </summary>
public sealed record ReplayedRequest(string Sender, string RequestId, ReadOnlyMemory<byte> Fingerprint, bool AnswerMayBeStored = true);
