using System.Text;
using System.Text.Json;

namespace Connectors.Core.Storage;

/// <summary>
/// Stores one JSON document per entity, split over as many string properties as it needs
/// (a string property holds at most 32K characters), with optimistic concurrency on the ETag.
/// The stores (call sessions, one-time codes, ledgers, batons) are built on this.
/// </summary>
public sealed class DocumentTable<T>
    where T : class
{
    /// <summary>Characters per property: under the 32,768-character limit of an Edm.String.</summary>
    internal const int ChunkCharacters = 30_000;

    /// <summary>15 chunks of 30,000 UTF-16 characters stay under the 1 MiB entity limit.</summary>
    internal const int MaxChunks = 15;

    private const string ChunkCountProperty = "DocChunks";
    private const string ChunkPropertyPrefix = "Doc";
    private const int MaxConcurrencyRetries = 10;

    private readonly ITableStore _store;
    private readonly JsonSerializerOptions _json;
    private readonly Lazy<Task> _created;

    public DocumentTable(ITableStore store, string tableName, JsonSerializerOptions? json = null)
    {
        _store = store;
        TableName = tableName;
        _json = json ?? ConnectorsJson.Options;
        _created = new Lazy<Task>(() => _store.CreateTableIfNotExistsAsync(TableName, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string TableName { get; }

    public async Task<StoredDocument<T>?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var entity = await _store.GetAsync(TableName, partitionKey, rowKey, cancellationToken);
        return entity is null ? null : Read(entity);
    }

    /// <summary>Inserts the document; null when one already exists under the key.</summary>
    public async Task<StoredDocument<T>?> TryAddAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var result = await _store.AddAsync(TableName, ToEntity(partitionKey, rowKey, value), cancellationToken);
        return result.Status switch
        {
            TableWriteStatus.Succeeded => new StoredDocument<T>(value, result.ETag ?? string.Empty),
            TableWriteStatus.Conflict => null,
            _ => throw new TableStorageException($"Insert into '{TableName}' failed: {result.Status}."),
        };
    }

    /// <summary>Replaces the document if <paramref name="etag"/> still matches; null when someone wrote first.</summary>
    public async Task<StoredDocument<T>?> TryReplaceAsync(string partitionKey, string rowKey, T value, string etag, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var result = await _store.UpdateAsync(TableName, ToEntity(partitionKey, rowKey, value), etag, TableUpdateMode.Replace, cancellationToken);
        return result.Status switch
        {
            TableWriteStatus.Succeeded => new StoredDocument<T>(value, result.ETag ?? string.Empty),
            TableWriteStatus.PreconditionFailed or TableWriteStatus.NotFound => null,
            _ => throw new TableStorageException($"Replace in '{TableName}' failed: {result.Status}."),
        };
    }

    public async Task<StoredDocument<T>> UpsertAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var result = await _store.UpsertAsync(TableName, ToEntity(partitionKey, rowKey, value), TableUpdateMode.Replace, cancellationToken);
        if (!result.Succeeded)
        {
            throw new TableStorageException($"Upsert into '{TableName}' failed: {result.Status}.");
        }

        return new StoredDocument<T>(value, result.ETag ?? string.Empty);
    }

    /// <summary>
    /// Read, change, write back under the ETag, and start again when someone else wrote first.
    /// <paramref name="change"/> returns null to leave the document as it is. Null when there is no document.
    /// </summary>
    public async Task<StoredDocument<T>?> UpdateAsync(string partitionKey, string rowKey, Func<T, T?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var current = await GetAsync(partitionKey, rowKey, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var changed = change(current.Value);
            if (changed is null)
            {
                return current;
            }

            var written = await TryReplaceAsync(partitionKey, rowKey, changed, current.ETag, cancellationToken);
            if (written is not null)
            {
                return written;
            }
        }

        throw new StateContendedException($"'{TableName}' {partitionKey}/{rowKey} kept changing under {MaxConcurrencyRetries} attempts to update it.");
    }

    public async Task<bool> DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var result = await _store.DeleteAsync(TableName, partitionKey, rowKey, "*", cancellationToken);
        return result.Succeeded;
    }

    /// <summary>Every document of one partition, in row-key order.</summary>
    public async Task<IReadOnlyList<StoredDocument<T>>> QueryPartitionAsync(string partitionKey, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var documents = new List<StoredDocument<T>>();
        string? continuation = null;
        do
        {
            var page = await _store.QueryPartitionAsync(TableName, partitionKey, continuation, null, cancellationToken);
            documents.AddRange(page.Entities.Select(Read));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return documents;
    }

    internal TableEntity ToEntity(string partitionKey, string rowKey, T value)
    {
        var json = JsonSerializer.Serialize(value, _json);
        var chunks = (json.Length + ChunkCharacters - 1) / ChunkCharacters;
        if (chunks > MaxChunks)
        {
            throw new TableStorageException(
                $"A {typeof(T).Name} of {json.Length:N0} characters does not fit in one entity (at most {MaxChunks * ChunkCharacters:N0}).");
        }

        var entity = new TableEntity(partitionKey, rowKey) { [ChunkCountProperty] = Math.Max(chunks, 1) };
        for (var i = 0; i < Math.Max(chunks, 1); i++)
        {
            var start = i * ChunkCharacters;
            entity[ChunkPropertyPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                json.Substring(start, Math.Min(ChunkCharacters, json.Length - start));
        }

        return entity;
    }

    internal StoredDocument<T> Read(TableEntity entity)
    {
        var chunks = entity.GetInt32(ChunkCountProperty) ?? 1;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString(ChunkPropertyPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var value = JsonSerializer.Deserialize<T>(json.ToString(), _json)
            ?? throw new TableStorageException($"'{TableName}' {entity.PartitionKey}/{entity.RowKey} holds an empty document.");
        return new StoredDocument<T>(value, entity.ETag ?? string.Empty);
    }

    private Task EnsureTableAsync(CancellationToken cancellationToken) => _created.Value.WaitAsync(cancellationToken);
}
