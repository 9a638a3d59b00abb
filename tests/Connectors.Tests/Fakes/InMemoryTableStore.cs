using System.Globalization;
using Connectors.Core.Storage;

namespace Connectors.Tests.Fakes;

/// <summary>
/// A fake of Core's <see cref="ITableStore"/> port for unit tests of decisions. It keeps the port's
/// contract (ETags, 404/409/412 outcomes, row-key order, 1,000-entity pages, all-or-nothing
/// transactions); the real client is tested against Azurite.
/// </summary>
public sealed class InMemoryTableStore : ITableStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedDictionary<(string, string), TableEntity>> _tables = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public int WriteCount { get; private set; }

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_tables.ContainsKey(table))
            {
                _tables[table] = new SortedDictionary<(string, string), TableEntity>(KeyComparer.Instance);
            }
        }

        return Task.CompletedTask;
    }

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Table(table).TryGetValue((partitionKey, rowKey), out var e) ? Copy(e) : null);
        }
    }

    public Task<TableWriteResult> AddAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        Write(table, () => Apply(Table(table), new TableTransactionAction(TableTransactionActionType.Add, entity)));

    public Task<TableWriteResult> UpdateAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken) =>
        Write(table, () => Apply(Table(table), new TableTransactionAction(
            mode == TableUpdateMode.Replace ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.UpdateMerge, entity, ifMatch)));

    public Task<TableWriteResult> UpsertAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        Write(table, () => Apply(Table(table), new TableTransactionAction(
            mode == TableUpdateMode.Replace ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.UpsertMerge, entity)));

    public Task<TableWriteResult> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken) =>
        Write(table, () => Apply(Table(table), new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ifMatch)));

    public Task<TablePage> QueryPartitionAsync(string table, string partitionKey, string? continuationToken, int? pageSize, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var size = Math.Min(pageSize ?? 1000, 1000);
            var rows = Table(table).Values
                .Where(e => e.PartitionKey == partitionKey && (continuationToken is null || string.CompareOrdinal(e.RowKey, continuationToken) >= 0))
                .Take(size + 1)
                .Select(Copy)
                .ToList();
            var next = rows.Count > size ? rows[size].RowKey : null;
            return Task.FromResult(new TablePage(rows.Take(size).ToList(), next));
        }
    }

    public Task<TableTransactionResult> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var original = Table(table);
            var scratch = new SortedDictionary<(string, string), TableEntity>(original, KeyComparer.Instance);
            for (var i = 0; i < actions.Count; i++)
            {
                var result = Apply(scratch, actions[i]);
                if (!result.Succeeded)
                {
                    return Task.FromResult(new TableTransactionResult(false, i, result.Status, $"{i}:{result.Status}"));
                }
            }

            _tables[table] = scratch;
            WriteCount++;
            return Task.FromResult(TableTransactionResult.Success);
        }
    }

    private Task<TableWriteResult> Write(string table, Func<TableWriteResult> write)
    {
        lock (_gate)
        {
            _ = Table(table);
            var result = write();
            if (result.Succeeded)
            {
                WriteCount++;
            }

            return Task.FromResult(result);
        }
    }

    private SortedDictionary<(string, string), TableEntity> Table(string table) =>
        _tables.TryGetValue(table, out var rows) ? rows : throw new TableStorageException($"Table '{table}' does not exist.", 404, "TableNotFound");

    private TableWriteResult Apply(SortedDictionary<(string, string), TableEntity> rows, TableTransactionAction action)
    {
        var key = (action.Entity.PartitionKey, action.Entity.RowKey);
        var exists = rows.TryGetValue(key, out var current);
        var ifMatch = action.IfMatch ?? "*";
        var etagMatches = exists && (ifMatch == "*" || ifMatch == current!.ETag);
        switch (action.Type)
        {
            case TableTransactionActionType.Add when exists:
                return TableWriteResult.Failure(TableWriteStatus.Conflict);
            case TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpdateMerge or TableTransactionActionType.Delete when !exists:
                return TableWriteResult.Failure(TableWriteStatus.NotFound);
            case TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpdateMerge or TableTransactionActionType.Delete when !etagMatches:
                return TableWriteResult.Failure(TableWriteStatus.PreconditionFailed);
            case TableTransactionActionType.Delete:
                rows.Remove(key);
                return TableWriteResult.Success(null);
        }

        var merge = action.Type is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge;
        var stored = merge && exists ? Copy(current!) : new TableEntity(key.PartitionKey, key.RowKey);
        foreach (var (name, value) in action.Entity.Properties)
        {
            stored.Properties[name] = value;
        }

        stored.ETag = $"W/\"{Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture)}\"";
        stored.Timestamp = DateTimeOffset.UtcNow;
        rows[key] = stored;
        return TableWriteResult.Success(stored.ETag);
    }

    private static TableEntity Copy(TableEntity source)
    {
        var copy = new TableEntity(source.PartitionKey, source.RowKey) { ETag = source.ETag, Timestamp = source.Timestamp };
        foreach (var (name, value) in source.Properties)
        {
            copy.Properties[name] = value;
        }

        return copy;
    }

    private sealed class KeyComparer : IComparer<(string, string)>
    {
        public static KeyComparer Instance { get; } = new();

        public int Compare((string, string) x, (string, string) y)
        {
            var partition = string.CompareOrdinal(x.Item1, y.Item1);
            return partition != 0 ? partition : string.CompareOrdinal(x.Item2, y.Item2);
        }
    }
}
