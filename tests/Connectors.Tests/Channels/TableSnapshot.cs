using Connectors.Tests.Storage;

namespace Connectors.Tests.Channels;

/// <summary>Everything a host stored under its table prefix, as one comparable text (table, keys, ETag) and as all its values.</summary>
internal static class TableSnapshot
{
    public static async Task<string> KeysAsync(string connectionString, string prefix)
    {
        var all = await new AzuriteTableScanner(connectionString).EverythingAsync(prefix, CancellationToken.None);
        return string.Join('\n', all.Select(e => $"{e.Table}|{e.Entity.PartitionKey}|{e.Entity.RowKey}|{e.Entity.ETag}").Order(StringComparer.Ordinal));
    }

    public static async Task<string> ValuesAsync(string connectionString, string prefix)
    {
        var all = await new AzuriteTableScanner(connectionString).EverythingAsync(prefix, CancellationToken.None);
        return string.Join('\n', all.SelectMany(e => new[] { e.Table, e.Entity.PartitionKey, e.Entity.RowKey }.Concat(e.Entity.Select(p => p.Value?.ToString()))));
    }
}
