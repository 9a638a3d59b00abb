using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Connectors.Core.Storage;

/// <summary>
/// <see cref="ITableStore"/> over the Table service REST API on Azure.Core's pipeline (Azure.Data.Tables does
/// not restore here). Authenticates with Shared Key (Azurite, any account key) or an Entra token
/// (managed identity); retries 5xx, 408 and 429 with Azure.Core's exponential back-off; refuses invalid
/// keys and oversize entities before sending (<see cref="TableRequestValidator"/>).
/// </summary>
public sealed class TableRestClient : ITableStore
{
    /// <summary>The Entra scope of every storage data plane.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private const string JsonContentType = "application/json";

    private static readonly RequestMethod Merge = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly TableAddress _address;

    /// <summary>Shared Key access, e.g. Azurite or an account key.</summary>
    public TableRestClient(StorageConnectionString connection, TableRestClientOptions? options = null)
        : this(
            (connection ?? throw new ArgumentNullException(nameof(connection))).TableEndpoint,
            options ?? new TableRestClientOptions(),
            o => new TableSharedKeyPolicy(connection.AccountName, connection.AccountKey, o.TimeProvider))
    {
    }

    /// <summary>Entra access with <paramref name="credential"/> (a managed identity in Azure); the endpoint must be https.</summary>
    public TableRestClient(Uri tableServiceUri, TokenCredential credential, TableRestClientOptions? options = null)
        : this(tableServiceUri, options ?? new TableRestClientOptions(), _ => new BearerTokenAuthenticationPolicy(credential, StorageScope))
    {
    }

    private TableRestClient(Uri endpoint, TableRestClientOptions options, Func<TableRestClientOptions, HttpPipelinePolicy> authentication)
    {
        _address = new TableAddress(endpoint);
        _pipeline = HttpPipelineBuilder.Build(options, [], [authentication(options)], new ResponseClassifier());
    }

    /// <summary>The table service this client talks to.</summary>
    public Uri Endpoint => _address.Endpoint;

    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken)
    {
        TableRequestValidator.ValidateTableName(table);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = table });
        using var response = await SendAsync(RequestMethod.Post, _address.Tables, body, JsonContentType, r => r.Headers.SetValue("Prefer", "return-no-content"), cancellationToken);

        // 409 also answers for a table being deleted, which cannot be used yet.
        if (response.Status is not (201 or 204) && !(response.Status == 409 && ErrorCode(response) == "TableAlreadyExists"))
        {
            throw Failed($"Creating table '{table}'", response);
        }
    }

    public async Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        TableRequestValidator.ValidateTableName(table);
        TableRequestValidator.ValidateKey(nameof(TableEntity.PartitionKey), partitionKey);
        TableRequestValidator.ValidateKey(nameof(TableEntity.RowKey), rowKey);
        using var response = await SendAsync(RequestMethod.Get, _address.Entity(table, partitionKey, rowKey), null, JsonContentType, null, cancellationToken);
        if (response.Status == 200)
        {
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            return TableEntityJson.Read(json.RootElement, Header(response, "ETag"));
        }

        // A missing entity is an answer; a missing table is a deployment fault and throws.
        if (response.Status == 404 && ErrorCode(response) != "TableNotFound")
        {
            return null;
        }

        throw Failed($"Reading from '{table}'", response);
    }

    public async Task<TableWriteResult> AddAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        TableRequestValidator.ValidateTableName(table);
        TableRequestValidator.ValidateEntity(entity);
        using var response = await SendAsync(RequestMethod.Post, _address.Table(table), TableEntityJson.Serialize(entity), JsonContentType,
            r => r.Headers.SetValue("Prefer", "return-no-content"), cancellationToken);
        return WriteResult($"Inserting into '{table}'", response, 201, 204);
    }

    public async Task<TableWriteResult> UpdateAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        TableRequestValidator.ValidateTableName(table);
        TableRequestValidator.ValidateEntity(entity);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var response = await SendAsync(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, _address.Entity(table, entity.PartitionKey, entity.RowKey),
            TableEntityJson.Serialize(entity), JsonContentType, r => r.Headers.SetValue("If-Match", ifMatch), cancellationToken);
        return WriteResult($"Updating in '{table}'", response, 204);
    }

    public async Task<TableWriteResult> UpsertAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        TableRequestValidator.ValidateTableName(table);
        TableRequestValidator.ValidateEntity(entity);

        // Without If-Match, PUT and MERGE insert when the entity is missing.
        using var response = await SendAsync(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, _address.Entity(table, entity.PartitionKey, entity.RowKey),
            TableEntityJson.Serialize(entity), JsonContentType, null, cancellationToken);
        return WriteResult($"Upserting into '{table}'", response, 204);
    }

    public async Task<TableWriteResult> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        TableRequestValidator.ValidateTableName(table);
        TableRequestValidator.ValidateKey(nameof(TableEntity.PartitionKey), partitionKey);
        TableRequestValidator.ValidateKey(nameof(TableEntity.RowKey), rowKey);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var response = await SendAsync(RequestMethod.Delete, _address.Entity(table, partitionKey, rowKey), null, JsonContentType,
            r => r.Headers.SetValue("If-Match", ifMatch), cancellationToken);
        return WriteResult($"Deleting from '{table}'", response, 204);
    }

    public async Task<TablePage> QueryPartitionAsync(string table, string partitionKey, string? continuationToken, int? pageSize, CancellationToken cancellationToken)
    {
        TableRequestValidator.ValidateTableName(table);
        TableRequestValidator.ValidateKey(nameof(TableEntity.PartitionKey), partitionKey);
        TableRequestValidator.ValidatePageSize(pageSize);
        var (nextPartitionKey, nextRowKey) = continuationToken is null ? default : TableContinuationToken.Split(continuationToken);

        var query = new List<string>
        {
            "$filter=" + Uri.EscapeDataString("PartitionKey eq " + TableAddress.QuoteLiteral(partitionKey)),
            "$top=" + (pageSize ?? 1000).ToString(CultureInfo.InvariantCulture),
        };
        if (nextPartitionKey is not null)
        {
            query.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartitionKey));
        }

        if (nextRowKey is not null)
        {
            query.Add("NextRowKey=" + Uri.EscapeDataString(nextRowKey));
        }

        using var response = await SendAsync(RequestMethod.Get, _address.Query(table) + "?" + string.Join('&', query), null, JsonContentType, null, cancellationToken);
        if (response.Status != 200)
        {
            throw Failed($"Querying '{table}'", response);
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entities = json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => TableEntityJson.Read(e)).ToList()
            : [];

        // A page may be empty and still carry continuation headers (the service ran out of time, not of rows).
        var next = TableContinuationToken.Combine(Header(response, "x-ms-continuation-NextPartitionKey"), Header(response, "x-ms-continuation-NextRowKey"));
        return new TablePage(entities, next);
    }

    public async Task<TableTransactionResult> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        TableRequestValidator.ValidateTableName(table);
        TableRequestValidator.ValidateTransaction(actions);
        var batch = TableBatchRequest.Create(_address, table, actions);
        if (batch.Body.Length >= TableRequestValidator.MaxTransactionBytes)
        {
            throw TableRequestValidator.Refused(TableRequestValidator.InvalidTransaction,
                $"The transaction is {batch.Body.Length:N0} bytes; Table Storage takes less than 4 MiB per transaction.");
        }

        using var response = await SendAsync(RequestMethod.Post, _address.Batch, batch.Body, batch.ContentType, null, cancellationToken);
        if (response.Status != 202)
        {
            throw Failed($"The transaction on '{table}'", response);
        }

        return TableBatchResponse.Read(response.Content.ToMemory().Span);
    }

    private async Task<Response> SendAsync(RequestMethod method, string url, byte[]? body, string contentType, Action<Request>? prepare, CancellationToken cancellationToken)
    {
        using var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(new Uri(url));
        request.Headers.SetValue("x-ms-version", TableAddress.ApiVersion);
        request.Headers.SetValue("DataServiceVersion", TableAddress.DataServiceVersion);
        request.Headers.SetValue("MaxDataServiceVersion", TableAddress.DataServiceVersion);
        request.Headers.SetValue(HttpHeader.Names.Accept, TableAddress.AcceptMinimalMetadata);
        if (body is not null)
        {
            request.Headers.SetValue(HttpHeader.Names.ContentType, contentType);
            request.Content = RequestContent.Create(body);
        }

        prepare?.Invoke(request);
        try
        {
            return await _pipeline.SendRequestAsync(request, cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("The Table Storage request was cancelled.", ex, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is RequestFailedException { Status: 0 } or AggregateException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Azure.Core reports a per-attempt timeout as a cancellation and wraps exhausted retries in an AggregateException.
            var cause = Innermost(ex);
            var what = cause is OperationCanceledException or TimeoutException ? "did not answer in time" : "could not be reached";
            throw new TableStorageException($"Table Storage at {Endpoint} {what}: {cause.Message}", 0, null, ex);
        }
    }

    private static TableWriteResult WriteResult(string operation, Response response, params int[] success)
    {
        if (success.Contains(response.Status))
        {
            return TableWriteResult.Success(Header(response, "ETag"));
        }

        return response.Status switch
        {
            404 => TableWriteResult.Failure(TableWriteStatus.NotFound),
            409 => TableWriteResult.Failure(TableWriteStatus.Conflict),
            412 => TableWriteResult.Failure(TableWriteStatus.PreconditionFailed),
            _ => throw Failed(operation, response),
        };
    }

    private static TableStorageException Failed(string operation, Response response)
    {
        var error = TableServiceError.Read(response.Content.ToMemory().Span, Header(response, "x-ms-error-code"));
        return new TableStorageException(
            string.Create(CultureInfo.InvariantCulture, $"{operation} failed with {response.Status}{error.Describe()}"),
            response.Status,
            error.Code);
    }

    private static string? ErrorCode(Response response) =>
        Header(response, "x-ms-error-code") ?? TableServiceError.Read(response.Content.ToMemory().Span, null).Code;

    private static string? Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The last attempt's failure, unwrapped from the retry's aggregate and Azure.Core's wrapper.</summary>
    private static Exception Innermost(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                    exception = aggregate.InnerExceptions[^1];
                    break;
                case RequestFailedException { InnerException: { } inner }:
                    exception = inner;
                    break;
                default:
                    return exception;
            }
        }
    }
}
