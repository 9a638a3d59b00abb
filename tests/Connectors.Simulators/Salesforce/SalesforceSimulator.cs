using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Simulators.Salesforce;

/// <summary>
/// A Salesforce org over real HTTP, reproducing the documented REST behaviour the connector depends on:
/// the client-credentials token endpoint (<c>{error, error_description}</c> errors), 401 INVALID_SESSION_ID
/// after the session lifetime, SOQL query with <c>nextRecordsUrl</c> paging, SOSL phone search with index
/// lag, sObject rows by id and by external id, upsert by external id (201, 200 <c>created:false</c> from
/// v46, 204 before, 300 with record URLs when several share the key, 404 NOT_FOUND for an unknown field,
/// 400 for a create-only field on update), 403 REQUEST_LIMIT_EXCEEDED past the daily allowance,
/// <c>Sforce-Limit-Info</c> on every REST answer, injected UNABLE_TO_LOCK_ROW, and the shared
/// <see cref="FaultInjector"/> (latency, 503, concurrency-limit 403, dropped connections, late answers
/// that commit first). Tests drive it in process; <c>/_sim/…</c> endpoints do the same over HTTP.
/// </summary>
public sealed partial class SalesforceSimulator : IAsyncDisposable
{
    public const string Name = "salesforce";
    private const decimal FirstVersionWithCreated = 46.0m;

    private readonly ConcurrentQueue<SalesforceLoggedRequest> _log = new();
    private readonly ConcurrentQueue<FaultKind> _scriptedWriteFaults = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _cursors = new(StringComparer.Ordinal);
    private readonly Random _random = new();
    private readonly object _randomGate = new();
    private SimulatorServer? _server;
    private long _apiUsed;
    private long _cursorCount;
    private int _inFlight;
    private int _maxInFlight;
    private int _tokenRequests;
    private int _lockedUpserts;

    private SalesforceSimulator(SalesforceSimulatorSettings settings)
    {
        Settings = settings;
        Clock = new SimulatorClock();
        Faults = new FaultInjector(Clock);
        Tokens = new SalesforceTokenIssuer(Clock);
        Org = new SalesforceOrg(new SalesforceSchema(), Clock, () => Settings.SearchIndexLag);
        SalesforceSeedData.Load(Org, Clock.GetUtcNow());
    }

    /// <summary>Where the simulator listens (its My Domain and instance URL), ending in a slash.</summary>
    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("The simulator has not started.");

    public SimulatorServer Server => _server ?? throw new InvalidOperationException("The simulator has not started.");

    public SalesforceSimulatorSettings Settings { get; set; }

    public SimulatorClock Clock { get; }

    public FaultInjector Faults { get; }

    public SalesforceTokenIssuer Tokens { get; }

    public SalesforceOrg Org { get; }

    /// <summary>Requests to the token endpoint, answered or not.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>API calls counted against the daily allowance (the <c>used</c> of Sforce-Limit-Info).</summary>
    public long ApiUsed
    {
        get => Interlocked.Read(ref _apiUsed);
        set => Interlocked.Exchange(ref _apiUsed, value);
    }

    /// <summary>The most REST requests that were in progress at once since the last <see cref="ResetConcurrency"/>.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public void ResetConcurrency() => Interlocked.Exchange(ref _maxInFlight, 0);

    /// <summary>Every request so far, in arrival order of their answers.</summary>
    public IReadOnlyList<SalesforceLoggedRequest> Requests => _log.ToList();

    public void ClearRequests() => _log.Clear();

    /// <summary>Faults for the next REST writes, one each, before the <see cref="Faults"/> profile is consulted.</summary>
    public void ScriptWriteFaults(params FaultKind[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        foreach (var fault in faults)
        {
            _scriptedWriteFaults.Enqueue(fault);
        }
    }

    /// <summary>The next <paramref name="count"/> upserts answer 400 UNABLE_TO_LOCK_ROW (another transaction holds the row).</summary>
    public void LockNextUpserts(int count) => Interlocked.Exchange(ref _lockedUpserts, count);

    public static async Task<SalesforceSimulator> StartAsync(SalesforceSimulatorSettings? settings = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new SalesforceSimulator(settings ?? new SalesforceSimulatorSettings());
        simulator._server = await SimulatorServer.StartAsync(simulator.Map, port, services => services.AddSingleton(simulator), cancellationToken);
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private void Map(WebApplication app)
    {
        app.Use(HandleAsync);
        app.MapPost("/services/oauth2/token", (Func<HttpContext, Task<IResult>>)IssueTokenAsync);
        app.MapGet("/services/data/{version}/query", (string version, HttpContext context) => Query(version, context));
        app.MapGet("/services/data/{version}/query/{locator}", (string version, string locator) => QueryMore(version, locator));
        app.MapGet("/services/data/{version}/search", (string version, HttpContext context) => Search(version, context));
        app.MapGet("/services/data/{version}/sobjects/{sobject}/{id}", (string version, string sobject, string id, HttpContext context) => GetById(version, sobject, id, context));
        app.MapGet("/services/data/{version}/sobjects/{sobject}/{field}/{value}", (string version, string sobject, string field, string value, HttpContext context) =>
            GetByExternalId(version, sobject, field, value, context));
        app.MapPatch("/services/data/{version}/sobjects/{sobject}/{field}/{value}", (string version, string sobject, string field, string value, HttpContext context) =>
            UpsertAsync(version, sobject, field, value, context));
        app.MapFallback("/services/data/{**rest}", () => Errors(404, "NOT_FOUND", "The requested resource does not exist"));
        MapControl(app);
    }

    /// <summary>Faults, then (for REST calls) session, version and allowance checks, then the endpoint; every request is logged.</summary>
    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith("/services/", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var isRest = path.StartsWith("/services/data/", StringComparison.Ordinal);
        var isWrite = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path + context.Request.QueryString;
        string? body = null;
        if (isRest && isWrite)
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max; max = Volatile.Read(ref _maxInFlight))
        {
        }

        // A request stops counting as in progress when its answer starts, before the client can see it and send the next.
        var counted = 1;
        void Finish()
        {
            if (Interlocked.Exchange(ref counted, 0) == 1)
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        context.Response.OnStarting(() =>
        {
            Finish();
            return Task.CompletedTask;
        });

        string? fault = null;
        try
        {
            var decision = NextFault(isRest && isWrite);
            if (decision.Latency > TimeSpan.Zero)
            {
                await Task.Delay(decision.Latency, context.RequestAborted);
            }

            fault = decision.Kind == FaultKind.None ? null : decision.Kind.ToString();
            switch (decision.Kind)
            {
                case FaultKind.Drop:
                    context.Abort();
                    return;
                case FaultKind.ServerError or FaultKind.Outage:
                    await Errors(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable. Please try again later.").ExecuteAsync(context);
                    return;
                case FaultKind.Throttle:
                    await Errors(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded.").ExecuteAsync(context);
                    return;
                case FaultKind.LateAnswer:
                    await AnswerLateAsync(context, isRest, next, Faults.Profile.LateAnswerDelay);
                    return;
            }

            if (!isRest || await AdmitAsync(context))
            {
                await RunAsync(context, next);
            }
        }
        finally
        {
            Finish();
            var status = fault == nameof(FaultKind.Drop) ? 0 : context.Response.StatusCode;
            _log.Enqueue(new SalesforceLoggedRequest(Clock.GetUtcNow(), context.Request.Method, target, status, body, fault));
        }
    }

    /// <summary>The write happens now; its answer leaves only after <paramref name="delay"/>, when the client has usually given up.</summary>
    private async Task AnswerLateAsync(HttpContext context, bool isRest, RequestDelegate next, TimeSpan delay)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        if (!isRest || await AdmitAsync(context))
        {
            await RunAsync(context, next);
        }

        await Task.Delay(delay, CancellationToken.None);
        context.Response.Body = original;
        buffer.Position = 0;
        try
        {
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client left, as the fault intends.
        }
    }

    private static async Task RunAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (SalesforceApiException ex) when (!context.Response.HasStarted)
        {
            await Errors(ex.Status, ex.ErrorCode, ex.Message, ex.Fields).ExecuteAsync(context);
        }
    }

    /// <summary>A REST call needs a supported version, a live session and allowance left; it then counts against the allowance.</summary>
    private async Task<bool> AdmitAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || ParseVersion(segments[2]) is null)
        {
            await Errors(404, "NOT_FOUND", "The requested resource does not exist").ExecuteAsync(context);
            return false;
        }

        var limit = Settings.DailyApiLimit;
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (!Tokens.IsValid(token, Settings.TokenTtl) || Settings.IntegrationUserFrozen)
        {
            context.Response.Headers["Sforce-Limit-Info"] = LimitInfo(ApiUsed, limit);
            await Errors(401, "INVALID_SESSION_ID", "Session expired or invalid").ExecuteAsync(context);
            return false;
        }

        long used;
        do
        {
            used = ApiUsed;
            if (used >= limit)
            {
                context.Response.Headers["Sforce-Limit-Info"] = LimitInfo(used, limit);
                await Errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").ExecuteAsync(context);
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _apiUsed, used + 1, used) != used);

        context.Response.Headers["Sforce-Limit-Info"] = LimitInfo(used + 1, limit);
        return true;
    }

    private FaultDecision NextFault(bool isRestWrite)
    {
        if (isRestWrite && _scriptedWriteFaults.TryDequeue(out var scripted))
        {
            return new FaultDecision(scripted, TimeSpan.Zero);
        }

        return Faults.Next(isRestWrite);
    }

    private async Task<IResult> IssueTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (!context.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", "unsupported content type; use application/x-www-form-urlencoded");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var settings = Settings;
        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError("unsupported_grant_type", "grant type not supported");
        }

        if (form["client_id"] != settings.ClientId)
        {
            return OAuthError("invalid_client_id", "client identifier invalid");
        }

        if (form["client_secret"] != settings.ClientSecret)
        {
            return OAuthError("invalid_client", "invalid client credentials");
        }

        if (!settings.ClientCredentialsEnabled)
        {
            return OAuthError("invalid_grant", "client credentials flow not enabled");
        }

        var instance = $"{context.Request.Scheme}://{context.Request.Host}";
        return Results.Json(new JsonObject
        {
            ["access_token"] = Tokens.Issue(),
            ["signature"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            ["scope"] = "api",
            ["instance_url"] = instance,
            ["id"] = $"{instance}/id/{SalesforceTokenIssuer.OrgId}/{SalesforceTokenIssuer.UserId}",
            ["token_type"] = "Bearer",
            ["issued_at"] = Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }

    private IResult Query(string version, HttpContext context)
    {
        var text = context.Request.Query["q"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw SalesforceApiException.MalformedQuery("a query needs q");
        }

        var query = SoqlQuery.Parse(text);
        List<string> rows;
        lock (Org.Gate)
        {
            rows = SoqlExecutor.Execute(Org, query, version).Select(r => r.ToJsonString()).ToList();
        }

        var batch = Settings.QueryBatchSize;
        var options = context.Request.Headers["Sforce-Query-Options"].ToString();
        var match = BatchSizeOption().Match(options);
        if (match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var requested))
        {
            batch = Math.Min(batch, Math.Max(requested, 1));
        }

        var cursor = "01g5g00000Sim" + Interlocked.Increment(ref _cursorCount).ToString("D5", CultureInfo.InvariantCulture);
        if (rows.Count > batch)
        {
            _cursors[cursor] = rows;
        }

        return Page(version, cursor, rows, 0, Math.Max(batch, 1));
    }

    private IResult QueryMore(string version, string locator)
    {
        var dash = locator.LastIndexOf('-');
        if (dash < 0 || !_cursors.TryGetValue(locator[..dash], out var rows)
                     || !int.TryParse(locator[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset > rows.Count)
        {
            return Errors(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }

        return Page(version, locator[..dash], rows, offset, Math.Max(Settings.QueryBatchSize, 1));
    }

    private static IResult Page(string version, string cursor, IReadOnlyList<string> rows, int offset, int batch)
    {
        var end = Math.Min(offset + batch, rows.Count);
        var page = new JsonObject
        {
            ["totalSize"] = rows.Count,
            ["done"] = end >= rows.Count,
        };
        if (end < rows.Count)
        {
            page["nextRecordsUrl"] = $"/services/data/{version}/query/{cursor}-{end.ToString(CultureInfo.InvariantCulture)}";
        }

        page["records"] = new JsonArray(rows.Skip(offset).Take(end - offset).Select(r => JsonNode.Parse(r)).ToArray());
        return Results.Json(page);
    }

    private IResult Search(string version, HttpContext context)
    {
        var text = context.Request.Query["q"].ToString();
        var search = SoslSearch.Parse(text);
        List<JsonObject> found;
        lock (Org.Gate)
        {
            found = search.Execute(Org, Clock.GetUtcNow(), version);
        }

        return Results.Json(new JsonObject { ["searchRecords"] = new JsonArray(found.ToArray<JsonNode?>()) });
    }

    private IResult GetById(string version, string sobject, string id, HttpContext context)
    {
        var type = Org.Schema.Type(sobject);
        lock (Org.Gate)
        {
            var record = type is null ? null : Org.FindLocked(id);
            return record is null || record.Type != type!.Name
                ? Errors(404, "NOT_FOUND", "The requested resource does not exist")
                : Results.Json(Row(type, record, context, version));
        }
    }

    private IResult GetByExternalId(string version, string sobject, string field, string value, HttpContext context)
    {
        var type = Org.Schema.Type(sobject);
        if (type is null)
        {
            return Errors(404, "NOT_FOUND", "The requested resource does not exist");
        }

        var key = type.Field(field);
        if (key is null || !key.ExternalId)
        {
            return Errors(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {field}");
        }

        lock (Org.Gate)
        {
            var matches = Org.RowsLocked(type.Name).Where(r => SalesforceValues.SoqlEquals(r[key.Name], value)).ToList();
            return matches.Count switch
            {
                0 => Errors(404, "NOT_FOUND", "The requested resource does not exist"),
                1 => Results.Json(Row(type, matches[0], context, version)),
                _ => Results.Json(new JsonArray(matches.Select(m => (JsonNode?)$"/services/data/{version}/sobjects/{type.Name}/{m.Id}").ToArray()), statusCode: 300),
            };
        }
    }

    private static JsonObject Row(SalesforceObjectType type, SalesforceRecord record, HttpContext context, string version)
    {
        var requested = context.Request.Query["fields"].ToString();
        var fields = string.IsNullOrEmpty(requested)
            ? type.Fields.Select(f => f.Name).ToList()
            : requested.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var row = new JsonObject { ["attributes"] = SoqlExecutor.Attributes(record, version) };
        foreach (var name in fields)
        {
            var field = type.Field(name) ?? throw new SalesforceApiException(400, "INVALID_FIELD", $"No such column '{name}' on sobject of type {type.Name}", name);
            row[field.Name] = SalesforceValues.ToJson(record[field.Name]);
        }

        return row;
    }

    private async Task<IResult> UpsertAsync(string version, string sobject, string field, string value, HttpContext context)
    {
        var type = Org.Schema.Type(sobject);
        if (type is null)
        {
            return Errors(404, "NOT_FOUND", "The requested resource does not exist");
        }

        var key = type.Field(field);
        if (key is null || !key.ExternalId)
        {
            return Errors(404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {field}");
        }

        var values = await ReadBodyAsync(type, key, context);
        bool locked;
        lock (_randomGate)
        {
            locked = _random.NextDouble() < Settings.LockRowFailureRate;
        }

        if (locked || TakeOne(ref _lockedUpserts))
        {
            return Errors(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + value);
        }

        var apiVersion = ParseVersion(version)!.Value;
        lock (Org.Gate)
        {
            var matches = Org.RowsLocked(type.Name).Where(r => SalesforceValues.SoqlEquals(r[key.Name], value)).ToList();
            switch (matches.Count)
            {
                case 0 when Settings.DuplicateRuleObjects.Contains(type.Name, StringComparer.OrdinalIgnoreCase):
                    return DuplicatesDetected(type.Name);
                case 0:
                    values[key.Name] = value;
                    var created = Org.CreateLocked(type, values);
                    return Results.Json(UpsertResult(created.Id, created: true, apiVersion), statusCode: 201);
                case 1:
                    var createOnly = values.Keys.Where(k => type.Field(k)!.CreateOnly).ToArray();
                    if (createOnly.Length > 0)
                    {
                        return Errors(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                            $"Unable to create/update fields: {string.Join(", ", createOnly)}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                            createOnly);
                    }

                    Org.UpdateLocked(matches[0], values);
                    return apiVersion >= FirstVersionWithCreated && !Settings.LegacyUpdateAnswers
                        ? Results.Json(UpsertResult(matches[0].Id, created: false, apiVersion), statusCode: 200)
                        : Results.NoContent();
                default:
                    return Results.Json(new JsonArray(matches.Select(m => (JsonNode?)$"/services/data/{version}/sobjects/{type.Name}/{m.Id}").ToArray()), statusCode: 300);
            }
        }
    }

    private static async Task<Dictionary<string, object?>> ReadBodyAsync(SalesforceObjectType type, SalesforceField key, HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw new SalesforceApiException(400, "JSON_PARSER_ERROR", "The request body is not JSON: " + ex.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SalesforceApiException(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of sObject from a non-object value");
            }

            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var field = type.Field(property.Name)
                    ?? throw new SalesforceApiException(400, "INVALID_FIELD", $"No such column '{property.Name}' on sobject of type {type.Name}", property.Name);
                if (field.Name == "Id" || field.Name == key.Name)
                {
                    throw new SalesforceApiException(400, "INVALID_FIELD", $"{field.Name} may not be set in the body of an upsert by {key.Name}", field.Name);
                }

                if (field.ReadOnly)
                {
                    throw new SalesforceApiException(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                        $"Unable to create/update fields: {field.Name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", field.Name);
                }

                if (!SalesforceValues.TryFromJson(field, property.Value, out var value))
                {
                    throw new SalesforceApiException(400, "JSON_PARSER_ERROR", $"Cannot deserialize instance of {field.Kind.ToString().ToLowerInvariant()} from {property.Value.ValueKind} value for {field.Name}");
                }

                values[field.Name] = value;
            }

            return values;
        }
    }

    private static JsonObject UpsertResult(string id, bool created, decimal apiVersion)
    {
        var result = new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() };
        if (apiVersion >= FirstVersionWithCreated)
        {
            result["created"] = created;
        }

        return result;
    }

    private static bool TakeOne(ref int counter)
    {
        int current;
        do
        {
            current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref counter, current - 1, current) != current);

        return true;
    }

    private static decimal? ParseVersion(string segment) =>
        VersionSegment().Match(segment) is { Success: true } m
        && decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
        && v is >= 20.0m and <= 66.0m
            ? v
            : null;

    private static string LimitInfo(long used, long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"api-usage={used}/{limit}");

    private static IResult Errors(int status, string errorCode, string message, IReadOnlyList<string>? fields = null) =>
        Results.Json(
            new JsonArray(new JsonObject
            {
                ["message"] = message,
                ["errorCode"] = errorCode,
                ["fields"] = new JsonArray((fields ?? []).Select(f => (JsonNode?)f).ToArray()),
            }),
            statusCode: status);

    /// <summary>An active duplicate rule blocked the save; the error carries the rule's verdict.</summary>
    private static IResult DuplicatesDetected(string sobject) =>
        Results.Json(
            new JsonArray(new JsonObject
            {
                ["duplicateResult"] = new JsonObject
                {
                    ["allowSave"] = false,
                    ["duplicateRule"] = "Standard_" + sobject + "_Duplicate_Rule",
                    ["duplicateRuleEntityType"] = sobject,
                    ["errorMessage"] = "Use one of these records?",
                    ["matchResults"] = new JsonArray(),
                },
                ["errorCode"] = "DUPLICATES_DETECTED",
                ["message"] = "Use one of these records?",
                ["fields"] = new JsonArray(),
            }),
            statusCode: 400);

    private static IResult OAuthError(string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: 400);

    [GeneratedRegex(@"^v(\d{2}\.\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSegment();

    [GeneratedRegex(@"batchSize\s*=\s*(\d+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BatchSizeOption();
}
