namespace Connectors.Core.Storage;

/// <summary>
/// The outcome of a transaction. When it failed, nothing was written; <see cref="FailedIndex"/>
/// names the operation the service refused and <see cref="FailedStatus"/> why.
/// </summary>
public sealed record TableTransactionResult(bool Succeeded, int? FailedIndex, TableWriteStatus? FailedStatus, string? ErrorMessage)
{
    public static TableTransactionResult Success { get; } = new(true, null, null, null);
}
