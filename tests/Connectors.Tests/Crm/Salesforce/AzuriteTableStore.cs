using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Core.Storage;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>
/// <see cref="ITableStore"/> over the Table service REST API with Shared Key Lite, for tests that must
/// cross the storage boundary (the dry-run ledger on Azurite, from <c>CONNECTORS_TEST_STORAGE</c>). It
/// stands in until Core's own REST client is merged; transactions are not offered because no test here
/// batches (Core's client implements them).
/// </summary>
public sealed class AzuriteTableStore : ITableStore, IDisposable
{
    public const string ConnectionStringVariable = "CONNECTORS_TEST_STORAGE";

    private readonly HttpClient _http = new();
    private readonly string _account;
    private readonly byte[] _key;
    private readonly Uri _endpoint;

    public AzuriteTableStore(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
        _account = parts["AccountName"];
        _key = Convert.FromBase64String(parts["AccountKey"]);
        _endpoint = new Uri(parts["TableEndpoint"].TrimEnd('/') + "/");
    }

    /// <summary>The store the test run's Azurite offers; scripts/test.sh always exports it.</summary>
    public static AzuriteTableStore FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(ConnectionStringVariable)
            ?? throw new InvalidOperationException($"{ConnectionStringVariable} is not set: run the tests through scripts/test.sh, which starts Azurite."));

    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "Tables", new JsonObject { ["TableName"] = table }, null, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.NoContent or HttpStatusCode.Conflict))
        {
            throw await FailureAsync(response, "create table " + table);
        }
    }

    public async Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, EntityPath(table, partitionKey, rowKey), null, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "read");
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return Read(document.RootElement);
    }

    public async Task<TableWriteResult> AddAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var response = await SendAsync(HttpMethod.Post, table, Write(entity, withKeys: true), null, cancellationToken);
        return await ResultAsync(response, "insert");
    }

    public async Task<TableWriteResult> UpdateAsync(string table, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var response = await SendAsync(Method(mode), EntityPath(table, entity.PartitionKey, entity.RowKey), Write(entity, withKeys: false), ifMatch, cancellationToken);
        return await ResultAsync(response, "update");
    }

    public async Task<TableWriteResult> UpsertAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var response = await SendAsync(Method(mode), EntityPath(table, entity.PartitionKey, entity.RowKey), Write(entity, withKeys: false), null, cancellationToken);
        return await ResultAsync(response, "upsert");
    }

    public async Task<TableWriteResult> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, EntityPath(table, partitionKey, rowKey), null, ifMatch, cancellationToken);
        return await ResultAsync(response, "delete");
    }

    public async Task<TablePage> QueryPartitionAsync(string table, string partitionKey, string? continuationToken, int? pageSize, CancellationToken cancellationToken)
    {
        var query = new StringBuilder($"{table}()?$filter={Uri.EscapeDataString($"PartitionKey eq '{partitionKey.Replace("'", "''", StringComparison.Ordinal)}'")}");
        query.Append(CultureInfo.InvariantCulture, $"&$top={Math.Min(pageSize ?? 1000, 1000)}");
        if (continuationToken is not null)
        {
            query.Append("&NextPartitionKey=").Append(Uri.EscapeDataString(partitionKey)).Append("&NextRowKey=").Append(Uri.EscapeDataString(continuationToken));
        }

        using var response = await SendAsync(HttpMethod.Get, query.ToString(), null, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "query");
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var entities = document.RootElement.GetProperty("value").EnumerateArray().Select(Read).ToList();
        var next = response.Headers.TryGetValues("x-ms-continuation-NextRowKey", out var values) ? values.FirstOrDefault() : null;
        return new TablePage(entities, string.IsNullOrEmpty(next) ? null : next);
    }

    public Task<TableTransactionResult> SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This test adapter offers no transactions; the write ledger does not batch.");

    public void Dispose() => _http.Dispose();

    private static HttpMethod Method(TableUpdateMode mode) => mode == TableUpdateMode.Replace ? HttpMethod.Put : new HttpMethod("MERGE");

    private static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{table}(PartitionKey='{Uri.EscapeDataString(partitionKey.Replace("'", "''", StringComparison.Ordinal))}',RowKey='{Uri.EscapeDataString(rowKey.Replace("'", "''", StringComparison.Ordinal))}')";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, string? ifMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_endpoint, path));
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-version", "2019-02-02");
        request.Headers.Add("DataServiceVersion", "3.0;NetFx");
        request.Headers.Add("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.Accept.ParseAdd("application/json;odata=minimalmetadata");
        request.Headers.Add("Prefer", "return-no-content");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json;odata=nometadata");
        }

        // Shared Key Lite: the date and the canonical resource (account, then the path as sent), signed with the account key.
        var resource = "/" + _account + request.RequestUri!.AbsolutePath;
        using var hmac = new HMACSHA256(_key);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(date + "\n" + resource)));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKeyLite", $"{_account}:{signature}");
        return await _http.SendAsync(request, cancellationToken);
    }

    private static async Task<TableWriteResult> ResultAsync(HttpResponseMessage response, string what) => response.StatusCode switch
    {
        HttpStatusCode.NoContent or HttpStatusCode.Created or HttpStatusCode.OK => TableWriteResult.Success(response.Headers.ETag?.ToString()),
        HttpStatusCode.Conflict => TableWriteResult.Failure(TableWriteStatus.Conflict),
        HttpStatusCode.NotFound => TableWriteResult.Failure(TableWriteStatus.NotFound),
        HttpStatusCode.PreconditionFailed => TableWriteResult.Failure(TableWriteStatus.PreconditionFailed),
        _ => throw await FailureAsync(response, what),
    };

    private static async Task<TableStorageException> FailureAsync(HttpResponseMessage response, string what) =>
        new($"Table {what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", (int)response.StatusCode);

    private static JsonObject Write(TableEntity entity, bool withKeys)
    {
        var json = new JsonObject();
        if (withKeys)
        {
            json["PartitionKey"] = entity.PartitionKey;
            json["RowKey"] = entity.RowKey;
        }

        foreach (var (name, value) in entity.Properties)
        {
            switch (value)
            {
                case null:
                    break;
                case string or int or bool or double:
                    json[name] = JsonValue.Create(value);
                    break;
                case long l:
                    json[name] = l.ToString(CultureInfo.InvariantCulture);
                    json[name + "@odata.type"] = "Edm.Int64";
                    break;
                case DateTimeOffset at:
                    json[name] = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
                    json[name + "@odata.type"] = "Edm.DateTime";
                    break;
                case Guid guid:
                    json[name] = guid.ToString();
                    json[name + "@odata.type"] = "Edm.Guid";
                    break;
                case byte[] bytes:
                    json[name] = Convert.ToBase64String(bytes);
                    json[name + "@odata.type"] = "Edm.Binary";
                    break;
                default:
                    throw new ArgumentException($"Property {name} has a type Table Storage does not hold: {value.GetType().Name}.", nameof(entity));
            }
        }

        return json;
    }

    private static TableEntity Read(JsonElement json)
    {
        var entity = new TableEntity(json.GetProperty("PartitionKey").GetString()!, json.GetProperty("RowKey").GetString()!)
        {
            ETag = json.TryGetProperty("odata.etag", out var etag) ? etag.GetString() : null,
        };
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name.Contains('@', StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal) || name is "PartitionKey" or "RowKey")
            {
                continue;
            }

            if (name == "Timestamp")
            {
                entity.Timestamp = property.Value.GetDateTimeOffset();
                continue;
            }

            var type = json.TryGetProperty(name + "@odata.type", out var t) ? t.GetString() : null;
            entity[name] = (type, property.Value.ValueKind) switch
            {
                ("Edm.Int64", _) => long.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture),
                ("Edm.DateTime", _) => property.Value.GetDateTimeOffset(),
                ("Edm.Guid", _) => Guid.Parse(property.Value.GetString()!),
                ("Edm.Binary", _) => Convert.FromBase64String(property.Value.GetString()!),
                (_, JsonValueKind.String) => property.Value.GetString(),
                (_, JsonValueKind.True or JsonValueKind.False) => property.Value.GetBoolean(),
                (_, JsonValueKind.Number) when property.Value.TryGetInt32(out var i) => i,
                (_, JsonValueKind.Number) => property.Value.GetDouble(),
                _ => null,
            };
        }

        return entity;
    }
}
