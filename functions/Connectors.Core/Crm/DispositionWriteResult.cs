namespace Connectors.Core.Crm;

public sealed record DispositionWriteResult(DispositionWriteOutcome Outcome, string RecordId, string IdempotencyKey);
