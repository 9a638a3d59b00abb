using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// The REST calls the connector makes (query with paging, search, read and upsert by external id) and
/// the one place Salesforce answers are turned into results or exceptions. Requests go through the
/// named client's chain: auth → API budget → resilience → dry-run interceptor → network.
/// </summary>
public sealed partial class SalesforceRestClient
{
    public const string HttpClientName = "Salesforce";

    private readonly IHttpClientFactory _clients;
    private readonly IOptions<SalesforceOptions> _options;
    private readonly ILogger _logger;

    public SalesforceRestClient(IHttpClientFactory clients, IOptions<SalesforceOptions> options, ILogger<SalesforceRestClient> logger)
    {
        _clients = clients;
        _options = options;
        _logger = logger;
    }

    private SalesforceOptions Options => _options.Value;

    /// <summary>Every record the SOQL query matches, following <c>nextRecordsUrl</c> up to <see cref="SalesforceOptions.MaxQueryPages"/> pages.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string soql, CrmCallContext call, string operation, CancellationToken cancellationToken)
    {
        var records = new List<JsonElement>();
        var next = DataPath("query?q=" + Uri.EscapeDataString(soql));
        for (var page = 1; ; page++)
        {
            using var document = await GetJsonAsync(next, call, page == 1 ? operation : operation + "-more", cancellationToken)
                ?? throw Rejected(404, [], "the query resource does not exist");
            var root = document.RootElement;
            if (root.TryGetProperty("records", out var rows) && rows.ValueKind == JsonValueKind.Array)
            {
                records.AddRange(rows.EnumerateArray().Select(r => r.Clone()));
            }

            var done = !root.TryGetProperty("done", out var d) || d.ValueKind != JsonValueKind.False;
            if (done || !root.TryGetProperty("nextRecordsUrl", out var url) || url.GetString() is not { Length: > 0 } nextUrl)
            {
                return records;
            }

            if (page >= Options.MaxQueryPages)
            {
                LogTooManyPages(operation, Options.MaxQueryPages);
                throw new CrmRejectedException(CrmKind.Salesforce, 200, "TOO_MANY_MATCHES",
                    $"The {operation} lookup matched more than {Options.MaxQueryPages} pages of records; narrow it.");
            }

            next = nextUrl;
        }
    }

    /// <summary>The records a SOSL search finds (<c>searchRecords</c>; very old versions answer a bare array).</summary>
    public async Task<IReadOnlyList<JsonElement>> SearchAsync(string sosl, CrmCallContext call, string operation, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(DataPath("search/?q=" + Uri.EscapeDataString(sosl)), call, operation, cancellationToken)
            ?? throw Rejected(404, [], "the search resource does not exist");
        var root = document.RootElement;
        var rows = root.ValueKind == JsonValueKind.Array ? root
            : root.TryGetProperty("searchRecords", out var found) ? found
            : default;
        return rows.ValueKind == JsonValueKind.Array ? rows.EnumerateArray().Select(r => r.Clone()).ToList() : [];
    }

    /// <summary>The record whose external id is <paramref name="value"/>, with <paramref name="fields"/>; null when there is none.</summary>
    public async Task<JsonElement?> GetByExternalIdAsync(string sobject, string externalIdField, string value, IEnumerable<string> fields,
        CrmCallContext call, string operation, CancellationToken cancellationToken)
    {
        var path = DataPath($"sobjects/{sobject}/{externalIdField}/{Uri.EscapeDataString(value)}?fields={string.Join(',', fields)}");
        using var document = await GetJsonAsync(path, call, operation, cancellationToken);
        return document?.RootElement.Clone();
    }

    /// <summary>
    /// <c>PATCH …/sobjects/{object}/{field}/{key}</c>: the idempotent write. The key is also the request's
    /// idempotency key, which is what lets the resilience pipeline retry it. 300 (several records share the
    /// key) and 404 (no such object or field) are permanent and thrown; a 4xx error array is returned for the
    /// caller to interpret.
    /// </summary>
    public async Task<SalesforceUpsertAnswer> UpsertAsync(string sobject, string externalIdField, string key, JsonObject body,
        CrmCallContext call, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(DataPath($"sobjects/{sobject}/{externalIdField}/{Uri.EscapeDataString(key)}"), UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.WithCall(call, operation).WithIdempotencyKey(key);
        using var response = await SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        switch (status)
        {
            case 201 or 200:
                return ReadUpsertResult(status, text);
            case 204:
                return new SalesforceUpsertAnswer(204, null, false, []);
            case 300:
                var urls = ReadStrings(text);
                LogSharedExternalId(sobject, externalIdField, urls.Count, string.Join(' ', urls));
                throw new CrmRejectedException(CrmKind.Salesforce, 300, SalesforceErrorCodes.MultipleRecordsShareKey,
                    $"{urls.Count} {sobject} records share the external id in {externalIdField}; nothing was written. Merge or re-key them.");
            case 404:
                throw Rejected(404, SalesforceError.Parse(text), $"{sobject}.{externalIdField} is not an external-id field this user can see, or the value is malformed");
            case >= 400 and < 500:
                return new SalesforceUpsertAnswer(status, null, null, SalesforceError.Parse(text));
            default:
                throw Rejected(status, SalesforceError.Parse(text), "unexpected answer to an upsert");
        }
    }

    /// <summary>The exception for an answer no retry can fix, carrying the first error code Salesforce gave.</summary>
    public static CrmRejectedException Rejected(int status, IReadOnlyList<SalesforceError> errors, string what)
    {
        var first = errors.FirstOrDefault();
        var fields = first is { Fields.Count: > 0 } ? " (fields: " + string.Join(", ", first.Fields) + ")" : string.Empty;
        return new CrmRejectedException(CrmKind.Salesforce, status, first?.ErrorCode ?? "HTTP_" + status,
            first is null ? what : $"{what}: {first.Message}{fields}");
    }

    private string DataPath(string rest) => $"/services/data/{Options.VersionSegment}/{rest}";

    private async Task<JsonDocument?> GetJsonAsync(string path, CrmCallContext call, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.WithCall(call, operation);
        using var response = await SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                try
                {
                    return JsonDocument.Parse(text);
                }
                catch (JsonException ex)
                {
                    throw new CrmRejectedException(CrmKind.Salesforce, 200, "INVALID_JSON", $"The {operation} answer was not JSON.", ex);
                }

            case HttpStatusCode.NotFound:
                return null;
            case HttpStatusCode.MultipleChoices:
                throw new CrmRejectedException(CrmKind.Salesforce, 300, SalesforceErrorCodes.MultipleRecordsShareKey,
                    $"Several records match the {operation} read by external id.");
            default:
                throw Rejected((int)response.StatusCode, SalesforceError.Parse(text), $"Salesforce refused the {operation} read");
        }
    }

    /// <summary>Sends through the handler chain; a 403 REQUEST_LIMIT_EXCEEDED becomes "throttled" (nothing was done; try later).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var errors = SalesforceError.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (errors.Any(e => e.ErrorCode == SalesforceErrorCodes.RequestLimitExceeded))
            {
                response.Dispose();
                LogLimitExceeded(errors[0].Message);
                throw new CrmUnavailableException(CrmKind.Salesforce, "throttled", outcomeUnknown: false);
            }
        }

        return response;
    }

    private static SalesforceUpsertAnswer ReadUpsertResult(int status, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            bool? created = root.TryGetProperty("created", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False ? c.GetBoolean() : null;
            return new SalesforceUpsertAnswer(status, id, created, []);
        }
        catch (JsonException ex)
        {
            throw new CrmRejectedException(CrmKind.Salesforce, status, "INVALID_JSON", "The upsert answer was not JSON.", ex);
        }
    }

    private static List<string> ReadStrings(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce {Operation} lookup stopped after {Pages} pages")]
    private partial void LogTooManyPages(string operation, int pages);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} Salesforce {SObject} records share one {ExternalIdField} value; nothing was written: {RecordUrls}")]
    private partial void LogSharedExternalId(string sObject, string externalIdField, int count, string recordUrls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce refused the request: REQUEST_LIMIT_EXCEEDED ({LimitMessage}); not re-authenticating")]
    private partial void LogLimitExceeded(string limitMessage);
}
