namespace Connectors.Core.Crm.DryRun;

/// <summary>The would-have-written ledger of dry-run calls.</summary>
public interface IWriteLedger
{
    Task RecordAsync(WriteLedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>The call's entries in the order they were written.</summary>
    Task<IReadOnlyList<WriteLedgerEntry>> ForCallAsync(string callId, CancellationToken cancellationToken);
}
