using System.Collections.Concurrent;
using Connectors.Core.Storage;

namespace Connectors.Tests.Fakes;

/// <summary>
/// Wraps the table store the host uses (in-memory, or the real client on Azurite) and notes every
/// partition written, so a test can read back everything the app stored, whatever the backend.
/// </summary>
public sealed class WriteTrackingTableStore : ITableStore
{
    private readonly ITableStore _inner;
    private readonly ConcurrentDictionary<(string Table, string PartitionKey), bool> _written = new();

    public WriteTrackingTableStore(ITableStore inner)
    {
        _inner = inner;
    }

    public IReadOnlyCollection<(string Table, string PartitionKey)> WrittenPartitions => _written.Keys.ToList();

    /// <summary>Every entity in every partition the app wrote to.</summary>
    public async Task<IReadOnlyList<(string Table, TableEntity Entity)>> ReadEverythingWrittenAsync(CancellationToken cancellationToken)
    {
        var all = new List<(string, TableEntity)>();
        foreach (var (table, partitionKey) in WrittenPartitions)
        {
            string? continuation = null;
            do
            {
                var page = await _inner.QueryPartitionAsync(table, partitionKey, continuation, null, cancellationToken);
                all.AddRange(page.Entities.Select(e => (table, e)));
                continuation = page.ContinuationToken;
            }
            while (continuation is not null);
        }

        return all;
    }

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken) =>
        _inner.CreateTableIfNotExistsAsync(table, cancellationToken);

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        _inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public Task<TableWriteResult> AddAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        Track(table, entity.PartitionKey, _inner.AddAsync(table, entity, cancellationToken));

    public Task<TableWriteResult> UpdateAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken) =>
        Track(table, entity.PartitionKey, _inner.UpdateAsync(table, entity, ifMatch, mode, cancellationToken));

    public Task<TableWriteResult> UpsertAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        Track(table, entity.PartitionKey, _inner.UpsertAsync(table, entity, mode, cancellationToken));

    public Task<TableWriteResult> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken) =>
        _inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

    public Task<TablePage> QueryPartitionAsync(string table, string partitionKey, string? continuationToken, int? pageSize, CancellationToken cancellationToken) =>
        _inner.QueryPartitionAsync(table, partitionKey, continuationToken, pageSize, cancellationToken);

    public Task<TableTransactionResult> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            _written[(table, action.Entity.PartitionKey)] = true;
        }

        return _inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }

    private Task<TableWriteResult> Track(string table, string partitionKey, Task<TableWriteResult> write)
    {
        _written[(table, partitionKey)] = true;
        return write;
    }
}
