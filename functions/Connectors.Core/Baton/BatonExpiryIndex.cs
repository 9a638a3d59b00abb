using System.Globalization;
using Connectors.Core.Storage;

namespace Connectors.Core.Baton;

/// <summary>
/// What expires when: one row per baton and per sealed token, in one partition ordered by expiry time, so the
/// sweeper reads what is due without scanning the batons themselves.
/// </summary>
public sealed class BatonExpiryIndex
{
    public const string TableName = "BatonExpiries";
    public const string BatonKind = "baton";
    public const string SealKind = "seal";
    private const string Partition = "due";

    private readonly DocumentTable<BatonExpiryEntry> _table;

    public BatonExpiryIndex(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<BatonExpiryEntry>(TableName);
    }

    /// <summary>Records that <paramref name="key"/> (a call id or a token hash) of <paramref name="kind"/> is due at <paramref name="dueAt"/>; idempotent.</summary>
    public async Task AddAsync(string kind, string key, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        await _table.UpsertAsync(Partition, RowKey(kind, key, dueAt), new BatonExpiryEntry(kind, key, dueAt), cancellationToken);

    /// <summary>The entries due at or before <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<BatonExpiryEntry>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await _table.QueryPartitionAsync(Partition, cancellationToken);
        return all.Select(d => d.Value).Where(e => e.DueAt <= now).ToList();
    }

    public Task<bool> RemoveAsync(BatonExpiryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _table.DeleteAsync(Partition, RowKey(entry.Kind, entry.Key, entry.DueAt), cancellationToken);
    }

    private static string RowKey(string kind, string key, DateTimeOffset dueAt) =>
        $"{dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}_{kind}_{key}";
}

