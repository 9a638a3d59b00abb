namespace Connectors.Core.Crm.DryRun;

/// <summary>
/// A write a dry-run call would have sent: exactly the method, path and body the live call sends,
/// with the answer the dry run gave in its place. Headers are not kept (they carry credentials);
/// the idempotency key is.
/// </summary>
public sealed record WriteLedgerEntry
{
    public required string CallId { get; init; }

    public required CrmKind Crm { get; init; }

    public required string Operation { get; init; }

    public required string Method { get; init; }

    /// <summary>Path and query, relative to the CRM's host.</summary>
    public required string Path { get; init; }

    public string? Body { get; init; }

    public string? IdempotencyKey { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The status the dry run answered with.</summary>
    public int? SimulatedStatus { get; init; }

    /// <summary>The record id the dry run answered with; repeated for a repeated key.</summary>
    public string? SimulatedRecordId { get; init; }
}
