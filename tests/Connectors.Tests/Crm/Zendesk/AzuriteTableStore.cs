using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Core.Storage;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>
/// Core's <see cref="ITableStore"/> port over Azurite's Table REST API (Shared Key Lite), for the tests
/// that must cross the storage boundary (the dry-run ledger). A test-side stand-in: Core has no Table
/// REST client on this branch yet; when it lands, these tests can use it instead.
/// </summary>
public sealed partial class AzuriteTableStore : ITableStore, IDisposable
{
    /// <summary>What scripts/test.sh exports once Azurite is up.</summary>
    public const string ConnectionStringVariable = "CONNECTORS_TEST_STORAGE";

    private const string Json = "application/json";
    private const string MinimalMetadata = "application/json;odata=minimalmetadata";

    private readonly HttpClient _http = new();
    private readonly string _account;
    private readonly byte[] _key;
    private readonly Uri _endpoint;

    public AzuriteTableStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
        _account = parts["AccountName"];
        _key = Convert.FromBase64String(parts["AccountKey"]);
        _endpoint = new Uri(parts["TableEndpoint"].TrimEnd('/') + "/");
    }

    /// <summary>The Azurite that scripts/test.sh started; the tests that need it are never skipped.</summary>
    public static AzuriteTableStore FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(ConnectionStringVariable)
            ?? throw new InvalidOperationException($"{ConnectionStringVariable} is not set: run the tests through scripts/test.sh, which starts Azurite."));

    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "Tables", new JsonObject { ["TableName"] = table }.ToJsonString());
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw await FailureAsync(response, cancellationToken);
        }
    }

    public async Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, EntityPath(table, partitionKey, rowKey));
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && await ErrorCodeAsync(response, cancellationToken) == "ResourceNotFound")
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken);
        }

        return ReadEntity(JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject());
    }

    public Task<TableWriteResult> AddAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteAsync(HttpMethod.Post, table, entity, table, ifMatch: null, cancellationToken);

    public Task<TableWriteResult> UpdateAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WriteAsync(mode == TableUpdateMode.Replace ? HttpMethod.Put : new HttpMethod("MERGE"), table, entity, EntityPath(table, entity.PartitionKey, entity.RowKey), ifMatch, cancellationToken);

    public Task<TableWriteResult> UpsertAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WriteAsync(mode == TableUpdateMode.Replace ? HttpMethod.Put : new HttpMethod("MERGE"), table, entity, EntityPath(table, entity.PartitionKey, entity.RowKey), ifMatch: null, cancellationToken);

    public async Task<TableWriteResult> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, EntityPath(table, partitionKey, rowKey));
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await SendAsync(request, cancellationToken);
        return await OutcomeAsync(response, cancellationToken);
    }

    public async Task<TablePage> QueryPartitionAsync(string table, string partitionKey, string? continuationToken, int? pageSize, CancellationToken cancellationToken)
    {
        var query = new StringBuilder($"{Escape(table)}()?$filter={Uri.EscapeDataString($"PartitionKey eq '{partitionKey.Replace("'", "''", StringComparison.Ordinal)}'")}");
        query.Append(CultureInfo.InvariantCulture, $"&$top={Math.Min(pageSize ?? 1000, 1000)}");
        if (continuationToken?.Split(' ') is [var nextPartition, var nextRow])
        {
            query.Append("&NextPartitionKey=").Append(Uri.EscapeDataString(nextPartition)).Append("&NextRowKey=").Append(Uri.EscapeDataString(nextRow));
        }

        using var request = Request(HttpMethod.Get, query.ToString());
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken);
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var entities = body["value"]!.AsArray().Select(e => ReadEntity(e!.AsObject())).ToList();
        var next = response.Headers.TryGetValues("x-ms-continuation-NextPartitionKey", out var partitions)
            && response.Headers.TryGetValues("x-ms-continuation-NextRowKey", out var rows)
            ? partitions.First() + " " + rows.First()
            : null;
        return new TablePage(entities, next);
    }

    public async Task<TableTransactionResult> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        foreach (var action in actions)
        {
            var (method, path, ifMatch) = action.Type switch
            {
                TableTransactionActionType.Add => ("POST", Escape(table), null),
                TableTransactionActionType.UpdateReplace => ("PUT", EntityPath(table, action.Entity.PartitionKey, action.Entity.RowKey), action.IfMatch ?? "*"),
                TableTransactionActionType.UpdateMerge => ("MERGE", EntityPath(table, action.Entity.PartitionKey, action.Entity.RowKey), action.IfMatch ?? "*"),
                TableTransactionActionType.UpsertReplace => ("PUT", EntityPath(table, action.Entity.PartitionKey, action.Entity.RowKey), null),
                TableTransactionActionType.UpsertMerge => ("MERGE", EntityPath(table, action.Entity.PartitionKey, action.Entity.RowKey), null),
                _ => ("DELETE", EntityPath(table, action.Entity.PartitionKey, action.Entity.RowKey), action.IfMatch ?? "*"),
            };
            body.Append(CultureInfo.InvariantCulture, $"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            body.Append(CultureInfo.InvariantCulture, $"{method} {new Uri(_endpoint, path).AbsoluteUri} HTTP/1.1\r\nAccept: {MinimalMetadata}\r\nDataServiceVersion: 3.0;\r\n");
            if (ifMatch is not null)
            {
                body.Append(CultureInfo.InvariantCulture, $"If-Match: {ifMatch}\r\n");
            }

            if (method == "DELETE")
            {
                body.Append("\r\n");
            }
            else
            {
                body.Append(CultureInfo.InvariantCulture, $"Content-Type: {Json}\r\nPrefer: return-no-content\r\n\r\n{WriteEntity(action.Entity)}\r\n");
            }
        }

        body.Append(CultureInfo.InvariantCulture, $"--{changeset}--\r\n--{batch}--\r\n");
        using var request = Request(HttpMethod.Post, "$batch");
        request.Content = new StringContent(body.ToString(), Encoding.UTF8);
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batch}");
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var failed = BatchStatus().Matches(text).Select(m => int.Parse(m.Groups["status"].Value, CultureInfo.InvariantCulture)).FirstOrDefault(s => s >= 300);
        if (failed == 0)
        {
            return TableTransactionResult.Success;
        }

        var index = BatchFailedIndex().Match(text) is { Success: true } m ? int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture) : 0;
        var status = failed switch
        {
            404 => TableWriteStatus.NotFound,
            409 => TableWriteStatus.Conflict,
            412 => TableWriteStatus.PreconditionFailed,
            _ => throw new TableStorageException($"The transaction on '{table}' failed with {failed}.", failed),
        };
        return new TableTransactionResult(false, index, status, $"{index}:{status}");
    }

    public void Dispose() => _http.Dispose();

    private async Task<TableWriteResult> WriteAsync(HttpMethod method, string table, TableEntity entity, string path, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var request = Request(method, path, WriteEntity(entity));
        request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await SendAsync(request, cancellationToken);
        return await OutcomeAsync(response, cancellationToken);
    }

    private async Task<TableWriteResult> OutcomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return TableWriteResult.Success(response.Headers.ETag?.ToString());
        }

        var code = await ErrorCodeAsync(response, cancellationToken);
        return (response.StatusCode, code) switch
        {
            (HttpStatusCode.NotFound, "ResourceNotFound") => TableWriteResult.Failure(TableWriteStatus.NotFound),
            (HttpStatusCode.Conflict, _) => TableWriteResult.Failure(TableWriteStatus.Conflict),
            (HttpStatusCode.PreconditionFailed, _) => TableWriteResult.Failure(TableWriteStatus.PreconditionFailed),
            _ => throw await FailureAsync(response, cancellationToken),
        };
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_endpoint, path));
        request.Headers.TryAddWithoutValidation("Accept", MinimalMetadata);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2019-02-02");
        request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0;NetFx");
        request.Headers.TryAddWithoutValidation("MaxDataServiceVersion", "3.0;NetFx");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, Json);
        }

        return request;
    }

    /// <summary>Shared Key Lite for the Table service: the date and the canonical resource, signed with the account key.</summary>
    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var date = DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        var resource = $"/{_account}{request.RequestUri!.AbsolutePath}";
        if (request.RequestUri.Query.Contains("comp=", StringComparison.Ordinal))
        {
            resource += "?comp=" + System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["comp"];
        }

        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(date + "\n" + resource)));
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKeyLite {_account}:{signature}");
        return _http.SendAsync(request, cancellationToken);
    }

    private static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{Escape(table)}(PartitionKey='{Escape(partitionKey.Replace("'", "''", StringComparison.Ordinal))}',RowKey='{Escape(rowKey.Replace("'", "''", StringComparison.Ordinal))}')";

    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%27", "'", StringComparison.Ordinal);

    private static string WriteEntity(TableEntity entity)
    {
        var json = new JsonObject { ["PartitionKey"] = entity.PartitionKey, ["RowKey"] = entity.RowKey };
        foreach (var (name, value) in entity.Properties)
        {
            (JsonNode? node, string? type) = value switch
            {
                null => (null, null),
                string s => (JsonValue.Create(s), null),
                bool b => (JsonValue.Create(b), null),
                int i => (JsonValue.Create(i), null),
                long l => (JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)), "Edm.Int64"),
                double d => (JsonValue.Create(d), "Edm.Double"),
                DateTimeOffset t => (JsonValue.Create(t.UtcDateTime.ToString("o", CultureInfo.InvariantCulture)), "Edm.DateTime"),
                Guid g => (JsonValue.Create(g.ToString()), "Edm.Guid"),
                byte[] bytes => (JsonValue.Create(Convert.ToBase64String(bytes)), "Edm.Binary"),
                _ => throw new TableStorageException($"Property '{name}' has an unsupported type {value.GetType().Name}."),
            };
            if (node is null)
            {
                continue;
            }

            json[name] = node;
            if (type is not null)
            {
                json[name + "@odata.type"] = type;
            }
        }

        return json.ToJsonString();
    }

    private static TableEntity ReadEntity(JsonObject json)
    {
        var entity = new TableEntity((string)json["PartitionKey"]!, (string)json["RowKey"]!)
        {
            ETag = (string?)json["odata.etag"],
        };
        foreach (var (name, node) in json)
        {
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal) || name is "PartitionKey" or "RowKey" || node is null)
            {
                continue;
            }

            var type = (string?)json[name + "@odata.type"];
            if (name == "Timestamp")
            {
                entity.Timestamp = DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                continue;
            }

            entity[name] = type switch
            {
                "Edm.Int64" => long.Parse((string)node!, CultureInfo.InvariantCulture),
                "Edm.Double" => node.GetValueKind() == JsonValueKind.String ? double.Parse((string)node!, CultureInfo.InvariantCulture) : (double)node,
                "Edm.DateTime" => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                "Edm.Guid" => Guid.Parse((string)node!, CultureInfo.InvariantCulture),
                "Edm.Binary" => Convert.FromBase64String((string)node!),
                _ => node.GetValueKind() switch
                {
                    JsonValueKind.String => (string?)node,
                    JsonValueKind.True or JsonValueKind.False => (bool)node,
                    JsonValueKind.Number when node.AsValue().TryGetValue<int>(out var i) => i,
                    _ => (double)node,
                },
            };
        }

        return entity;
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return (string?)JsonNode.Parse(text)?["odata.error"]?["code"];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<TableStorageException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = await ErrorCodeAsync(response, cancellationToken);
        return new TableStorageException($"Azurite answered {(int)response.StatusCode} {code}.", (int)response.StatusCode, code);
    }

    [GeneratedRegex(@"HTTP/1\.1 (?<status>[0-9]{3})", RegexOptions.CultureInvariant)]
    private static partial Regex BatchStatus();

    [GeneratedRegex(@"""value""\s*:\s*""(?<index>[0-9]+):", RegexOptions.CultureInvariant)]
    private static partial Regex BatchFailedIndex();
}
