using System.Globalization;
using Connectors.Core.Storage;

namespace Connectors.Core.Crm.DryRun;

/// <summary>The ledger in Table Storage: one partition per call, rows in write order.</summary>
public sealed class TableWriteLedger : IWriteLedger
{
    public const string TableName = "WriteLedger";

    private readonly DocumentTable<WriteLedgerEntry> _table;

    public TableWriteLedger(DocumentTableFactory tables)
    {
        _table = tables.Open<WriteLedgerEntry>(TableName);
    }

    public async Task RecordAsync(WriteLedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Time first for order; a random suffix keeps two writes in the same tick apart.
        var rowKey = entry.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        await _table.UpsertAsync(entry.CallId, rowKey, entry, cancellationToken);
    }

    public async Task<IReadOnlyList<WriteLedgerEntry>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(callId, cancellationToken)).Select(d => d.Value).ToList();
}
