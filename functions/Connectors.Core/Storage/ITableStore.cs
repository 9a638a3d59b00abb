namespace Connectors.Core.Storage;

/// <summary>
/// What the stores need from Table Storage, and no more. LocalHost and the tests use
/// <see cref="TableRestClient"/>; the Functions app adapts Azure.Data.Tables to the same port.
/// Expected outcomes (404, 409, 412) are results, not exceptions; anything else throws
/// <see cref="TableStorageException"/>.
/// </summary>
public interface ITableStore
{
    Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken);

    /// <summary>Point read; null when the entity does not exist.</summary>
    Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Insert; <see cref="TableWriteStatus.Conflict"/> when the key exists.</summary>
    Task<TableWriteResult> AddAsync(string table, TableEntity entity, CancellationToken cancellationToken);

    /// <summary>Replace or merge an existing entity if its ETag still matches (<c>"*"</c> matches any).</summary>
    Task<TableWriteResult> UpdateAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken);

    /// <summary>Insert-or-replace / insert-or-merge, unconditional.</summary>
    Task<TableWriteResult> UpsertAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken);

    Task<TableWriteResult> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken);

    /// <summary>One page (at most 1,000 entities) of one partition, in row-key order.</summary>
    Task<TablePage> QueryPartitionAsync(string table, string partitionKey, string? continuationToken, int? pageSize, CancellationToken cancellationToken);

    /// <summary>Up to 100 operations on one partition, all or nothing.</summary>
    Task<TableTransactionResult> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken);
}
