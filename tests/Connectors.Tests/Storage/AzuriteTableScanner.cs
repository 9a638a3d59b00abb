using Azure.Data.Tables;

namespace Connectors.Tests.Storage;

/// <summary>
/// Reads back everything a host stored in Azurite under its table prefix: every table whose name starts
/// with it, every entity in each. A scan that must see what the app wrote where nobody expected it cannot
/// go through the stores, which read one named partition at a time; so this lists tables and queries them
/// whole with the SDK.
/// </summary>
public sealed class AzuriteTableScanner(string connectionString)
{
    private readonly TableServiceClient _service = new(connectionString);

    /// <summary>The names of the tables that start with <paramref name="prefix"/> (case as created).</summary>
    public async Task<IReadOnlyList<string>> TablesAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var table in _service.QueryAsync(cancellationToken: cancellationToken))
        {
            if (table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(table.Name);
            }
        }

        return names;
    }

    /// <summary>Every entity of every table under <paramref name="prefix"/>, with the table it came from.</summary>
    public async Task<IReadOnlyList<(string Table, TableEntity Entity)>> EverythingAsync(string prefix, CancellationToken cancellationToken)
    {
        var all = new List<(string, TableEntity)>();
        foreach (var table in await TablesAsync(prefix, cancellationToken))
        {
            await foreach (var entity in _service.GetTableClient(table).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                all.Add((table, entity));
            }
        }

        return all;
    }
}
