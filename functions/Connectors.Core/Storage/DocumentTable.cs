using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Connectors.Core.Storage;

/// <summary>
/// Stores one JSON document per entity, split over as many string properties as it needs
/// (a string property holds at most 32K characters), with optimistic concurrency on the ETag.
/// The stores (call sessions, one-time codes, ledgers, batons) are built on this; get one from
/// <see cref="DocumentTableFactory"/>. Keys are checked before anything is sent
/// (<see cref="TableKeyValidator"/>); 404, 409 and 412 are answers, every other failure a
/// <see cref="TableStorageException"/>.
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

    private readonly TableClient _client;
    private readonly JsonSerializerOptions _json;
    private Task? _created;

    public DocumentTable(TableClient client, JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        TableKeyValidator.ValidateTableName(client.Name);
        _client = client;
        _json = json ?? ConnectorsJson.Options;
    }

    public string TableName => _client.Name;

    public async Task<StoredDocument<T>?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        ValidateKeys(partitionKey, rowKey);
        await EnsureTableAsync(cancellationToken);
        var response = await TableFailures.GuardAsync($"Reading from '{TableName}'",
            () => _client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken), cancellationToken);
        return response.HasValue ? Read(response.Value!) : null;
    }

    /// <summary>Inserts the document; null when one already exists under the key.</summary>
    public async Task<StoredDocument<T>?> TryAddAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken)
    {
        var entity = ToEntity(partitionKey, rowKey, value);
        await EnsureTableAsync(cancellationToken);
        try
        {
            var response = await _client.AddEntityAsync(entity, cancellationToken);
            return new StoredDocument<T>(value, response.Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
        catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
        {
            throw TableFailures.Describe($"Inserting into '{TableName}'", ex);
        }
    }

    /// <summary>Replaces the document if <paramref name="etag"/> still matches; null when someone wrote first.</summary>
    public async Task<StoredDocument<T>?> TryReplaceAsync(string partitionKey, string rowKey, T value, string etag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        var entity = ToEntity(partitionKey, rowKey, value);
        await EnsureTableAsync(cancellationToken);
        try
        {
            var response = await _client.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return new StoredDocument<T>(value, response.Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
        catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
        {
            throw TableFailures.Describe($"Replacing in '{TableName}'", ex);
        }
    }

    public async Task<StoredDocument<T>> UpsertAsync(string partitionKey, string rowKey, T value, CancellationToken cancellationToken)
    {
        var entity = ToEntity(partitionKey, rowKey, value);
        await EnsureTableAsync(cancellationToken);
        var response = await TableFailures.GuardAsync($"Upserting into '{TableName}'",
            () => _client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken), cancellationToken);
        return new StoredDocument<T>(value, response.Headers.ETag?.ToString() ?? string.Empty);
    }

    /// <summary>
    /// Upserts documents of one partition in entity-group transactions of at most 100 (one round trip each): for
    /// append-only records that are written together, such as a call's journalled requests.
    /// </summary>
    public async Task UpsertBatchAsync(string partitionKey, IReadOnlyList<(string RowKey, T Value)> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await EnsureTableAsync(cancellationToken);
        foreach (var chunk in documents.Chunk(100))
        {
            var actions = chunk.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partitionKey, d.RowKey, d.Value))).ToList();
            await TableFailures.GuardAsync($"Upserting a batch into '{TableName}'", () => _client.SubmitTransactionAsync(actions, cancellationToken), cancellationToken);
        }
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

    /// <summary>Deletes the document whatever its ETag; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        ValidateKeys(partitionKey, rowKey);
        await EnsureTableAsync(cancellationToken);
        try
        {
            using var response = await _client.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
        catch (Exception ex) when (TableFailures.IsFailure(ex, cancellationToken))
        {
            throw TableFailures.Describe($"Deleting from '{TableName}'", ex);
        }
    }

    /// <summary>Every document of one partition, in row-key order (the SDK follows the continuation pages).</summary>
    public async Task<IReadOnlyList<StoredDocument<T>>> QueryPartitionAsync(string partitionKey, CancellationToken cancellationToken)
    {
        TableKeyValidator.ValidateKey(nameof(TableEntity.PartitionKey), partitionKey);
        await EnsureTableAsync(cancellationToken);
        return await TableFailures.GuardAsync($"Querying '{TableName}'", async () =>
        {
            var documents = new List<StoredDocument<T>>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
            await foreach (var entity in _client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                documents.Add(Read(entity));
            }

            return documents;
        }, cancellationToken);
    }

    internal TableEntity ToEntity(string partitionKey, string rowKey, T value)
    {
        ValidateKeys(partitionKey, rowKey);
        var json = JsonSerializer.Serialize(value, _json);
        var chunks = Math.Max((json.Length + ChunkCharacters - 1) / ChunkCharacters, 1);
        if (chunks > MaxChunks)
        {
            throw new TableStorageException(
                $"A {typeof(T).Name} of {json.Length:N0} characters does not fit in one entity (at most {MaxChunks * ChunkCharacters:N0}).",
                0,
                TableKeyValidator.EntityTooLarge);
        }

        var entity = new TableEntity(partitionKey, rowKey) { [ChunkCountProperty] = chunks };
        for (var i = 0; i < chunks; i++)
        {
            var start = i * ChunkCharacters;
            entity[ChunkPropertyPrefix + i.ToString(CultureInfo.InvariantCulture)] = json.Substring(start, Math.Min(ChunkCharacters, json.Length - start));
        }

        return entity;
    }

    internal StoredDocument<T> Read(TableEntity entity)
    {
        var chunks = entity.GetInt32(ChunkCountProperty) ?? 1;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString(ChunkPropertyPrefix + i.ToString(CultureInfo.InvariantCulture)));
        }

        var value = JsonSerializer.Deserialize<T>(json.ToString(), _json)
            ?? throw new TableStorageException($"'{TableName}' {entity.PartitionKey}/{entity.RowKey} holds an empty document.");
        return new StoredDocument<T>(value, entity.ETag.ToString());
    }

    private static void ValidateKeys(string partitionKey, string rowKey)
    {
        TableKeyValidator.ValidateKey(nameof(TableEntity.PartitionKey), partitionKey);
        TableKeyValidator.ValidateKey(nameof(TableEntity.RowKey), rowKey);
    }

    /// <summary>
    /// Creates the table on first use. A creation that failed (storage was down) is tried again on the next
    /// call instead of failing every later one.
    /// </summary>
    private Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        var created = Volatile.Read(ref _created);
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            var attempt = TableFailures.GuardAsync($"Creating table '{TableName}'", () => _client.CreateIfNotExistsAsync(CancellationToken.None), CancellationToken.None);
            created = Interlocked.CompareExchange(ref _created, attempt, created) == created ? attempt : Volatile.Read(ref _created)!;
        }

        return created.WaitAsync(cancellationToken);
    }
}
