using Azure;
using Connectors.Core.Storage;
using SdkEntity = Azure.Data.Tables.TableEntity;
using TableClient = Azure.Data.Tables.TableClient;
using TableServiceClient = Azure.Data.Tables.TableServiceClient;
using TableTransactionFailedException = Azure.Data.Tables.TableTransactionFailedException;

namespace Connectors.Functions.Storage;

/// <summary>
/// <see cref="ITableStore"/> over Azure.Data.Tables. As the port requires, 404, 409 and 412 come back as results
/// and every other service failure as <see cref="TableStorageException"/>.
/// </summary>
public sealed class AzureTablesTableStore(TableServiceClient service) : ITableStore
{
    private const int MaxPageSize = 1000;

    public Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken) =>
        GuardAsync(table, "create", () => Client(table).CreateIfNotExistsAsync(cancellationToken));

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        GuardAsync<TableEntity?>(table, "read", async () =>
        {
            var response = await Client(table).GetEntityIfExistsAsync<SdkEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            return response.HasValue ? AzureTablesMapping.ToCore(response.Value!) : null;
        });

    public Task<TableWriteResult> AddAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteAsync(table, "insert", client => client.AddEntityAsync(AzureTablesMapping.ToSdk(entity), cancellationToken));

    public Task<TableWriteResult> UpdateAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WriteAsync(table, "update", client => client.UpdateEntityAsync(AzureTablesMapping.ToSdk(entity), new ETag(ifMatch), AzureTablesMapping.ToSdk(mode), cancellationToken));

    public Task<TableWriteResult> UpsertAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WriteAsync(table, "upsert", client => client.UpsertEntityAsync(AzureTablesMapping.ToSdk(entity), AzureTablesMapping.ToSdk(mode), cancellationToken));

    public Task<TableWriteResult> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken) =>
        WriteAsync(table, "delete", client => client.DeleteEntityAsync(partitionKey, rowKey, new ETag(ifMatch), cancellationToken));

    public Task<TablePage> QueryPartitionAsync(string table, string partitionKey, string? continuationToken, int? pageSize, CancellationToken cancellationToken) =>
        GuardAsync(table, "query", async () =>
        {
            var size = Math.Min(pageSize ?? MaxPageSize, MaxPageSize);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
            await foreach (var page in Client(table).QueryAsync<SdkEntity>(filter, size, cancellationToken: cancellationToken).AsPages(continuationToken, size))
            {
                return new TablePage(page.Values.Select(AzureTablesMapping.ToCore).ToList(), page.ContinuationToken);
            }

            return new TablePage([], null);
        });

    public Task<TableTransactionResult> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        GuardAsync(table, "transaction", async () =>
        {
            try
            {
                await Client(table).SubmitTransactionAsync(actions.Select(AzureTablesMapping.ToSdk), cancellationToken);
                return TableTransactionResult.Success;
            }
            catch (TableTransactionFailedException ex) when (AzureTablesMapping.ToOutcome(ex.Status) is { } status)
            {
                return new TableTransactionResult(false, ex.FailedTransactionActionIndex, status, ex.Message);
            }
        });

    private TableClient Client(string table) => service.GetTableClient(table);

    private Task<TableWriteResult> WriteAsync(string table, string operation, Func<TableClient, Task<Response>> write) =>
        GuardAsync(table, operation, async () =>
        {
            try
            {
                var response = await write(Client(table));
                // Delete reports a missing entity as a 404 response rather than an exception.
                return response.Status == 404
                    ? TableWriteResult.Failure(TableWriteStatus.NotFound)
                    : TableWriteResult.Success(response.Headers.ETag?.ToString());
            }
            catch (RequestFailedException ex) when (AzureTablesMapping.ToOutcome(ex.Status) is { } status)
            {
                return TableWriteResult.Failure(status);
            }
        });

    private static async Task<T> GuardAsync<T>(string table, string operation, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RequestFailedException ex)
        {
            throw new TableStorageException($"Table '{table}': {operation} failed with {ex.Status} {ex.ErrorCode}.", ex.Status, ex.ErrorCode, ex);
        }
    }
}
