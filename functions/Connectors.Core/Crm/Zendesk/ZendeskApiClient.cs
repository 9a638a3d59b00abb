using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using static Connectors.Core.Crm.Zendesk.ZendeskWire;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// The Zendesk Support and Talk Partner Edition endpoints the connector uses, over the shared CRM
/// handler chain (auth → resilience → dry-run interceptor). It speaks HTTP and JSON and turns answers
/// into results; what they mean for a call is <see cref="ZendeskCrmConnector"/>'s business.
/// Transient failures arrive as <see cref="CrmUnavailableException"/> from the resilience handler;
/// permanent ones are raised here as <see cref="CrmRejectedException"/>.
/// </summary>
internal sealed class ZendeskApiClient
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string IdempotencyLookupHeader = "x-idempotency-lookup";

    private readonly HttpClient _http;
    private readonly CrmMetrics _metrics;
    private readonly ILogger _logger;

    public ZendeskApiClient(HttpClient http, CrmMetrics metrics, ILogger logger)
    {
        _http = http;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Search API results of type user, following next pages up to <paramref name="max"/>.</summary>
    public async Task<List<User>> SearchUsersAsync(string query, int max, CrmCallContext call, CancellationToken cancellationToken)
    {
        var users = new List<User>();
        string? url = "api/v2/search.json?query=" + Uri.EscapeDataString(query);
        while (url is not null && users.Count < max)
        {
            var page = await GetAsync<SearchPage>(url, call, "search-users", cancellationToken)
                ?? throw new CrmRejectedException(CrmKind.Zendesk, 404, "InvalidEndpoint", "The search endpoint was not found.");
            users.AddRange((page.Results ?? []).Where(u => u.ResultType is null or "user"));
            url = NextPage(page.NextPage);
        }

        return users.Take(max).ToList();
    }

    /// <summary><c>GET /api/v2/users/search?external_id=</c>: an exact match, no search syntax, no index lag.</summary>
    public async Task<List<User>> FindUsersByExternalIdAsync(string externalId, CrmCallContext call, CancellationToken cancellationToken)
    {
        var page = await GetAsync<UsersPage>("api/v2/users/search.json?external_id=" + Uri.EscapeDataString(externalId), call, "find-user-by-external-id", cancellationToken);
        return page?.Users ?? [];
    }

    public async Task<User?> GetUserAsync(long userId, CrmCallContext call, CancellationToken cancellationToken) =>
        (await GetAsync<UserEnvelope>(Invariant($"api/v2/users/{userId}.json"), call, "get-user", cancellationToken))?.User;

    /// <summary>The user's requested tickets, newest first; one page (the snapshot needs the recent ones).</summary>
    public async Task<List<Ticket>?> GetRequestedTicketsAsync(long userId, CrmCallContext call, CancellationToken cancellationToken)
    {
        var page = await GetAsync<TicketsPage>(
            Invariant($"api/v2/users/{userId}/tickets/requested.json?sort_by=created_at&sort_order=desc&per_page=100"), call, "list-requested-tickets", cancellationToken);
        return page?.Tickets;
    }

    /// <summary><c>GET /api/v2/tickets?external_id=</c>: a database lookup, so it sees a ticket the moment it is committed.</summary>
    public async Task<List<Ticket>> FindTicketsByExternalIdAsync(string externalId, CrmCallContext call, CancellationToken cancellationToken)
    {
        var tickets = new List<Ticket>();
        string? url = "api/v2/tickets.json?external_id=" + Uri.EscapeDataString(externalId);
        while (url is not null)
        {
            var page = await GetAsync<TicketsPage>(url, call, "find-ticket-by-external-id", cancellationToken);
            tickets.AddRange(page?.Tickets ?? []);
            url = NextPage(page?.NextPage);
        }

        return tickets;
    }

    public async Task<Ticket?> GetTicketAsync(long ticketId, CrmCallContext call, CancellationToken cancellationToken) =>
        (await GetAsync<TicketEnvelope>(Invariant($"api/v2/tickets/{ticketId}.json"), call, "get-ticket", cancellationToken))?.Ticket;

    /// <summary>Every comment of the ticket, oldest first; null when the ticket does not exist.</summary>
    public async Task<List<Comment>?> GetCommentsAsync(long ticketId, CrmCallContext call, CancellationToken cancellationToken)
    {
        var comments = new List<Comment>();
        string? url = Invariant($"api/v2/tickets/{ticketId}/comments.json?per_page=100");
        while (url is not null)
        {
            var page = await GetAsync<CommentsPage>(url, call, "list-comments", cancellationToken);
            if (page is null)
            {
                return null;
            }

            comments.AddRange(page.Comments ?? []);
            url = NextPage(page.NextPage);
        }

        return comments;
    }

    /// <summary>
    /// <c>POST /api/v2/tickets</c> with an <c>Idempotency-Key</c>. <see cref="TicketCreated.Replayed"/> is true when
    /// Zendesk answered <c>x-idempotency-lookup: hit</c>: an earlier attempt made the ticket and nothing new was written.
    /// </summary>
    public async Task<TicketCreated> CreateTicketAsync(TicketWrite ticket, string idempotencyKey, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var request = JsonRequest(HttpMethod.Post, "api/v2/tickets.json", new TicketWriteEnvelope(ticket), call, "create-ticket");
        request.WithIdempotencyKey(idempotencyKey);
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            var envelope = await ReadAsync<TicketEnvelope>(response, cancellationToken);
            var replayed = response.Headers.TryGetValues(IdempotencyLookupHeader, out var lookup)
                && lookup.Any(v => string.Equals(v, "hit", StringComparison.OrdinalIgnoreCase));
            return new TicketCreated(envelope.Ticket ?? throw Malformed("create-ticket"), replayed);
        }

        throw await RejectedAsync(response, "create-ticket", cancellationToken);
    }

    /// <summary>
    /// <c>PUT /api/v2/tickets/{id}</c>. A safe update against a ticket changed since its stamp answers
    /// 409, returned as <see cref="TicketUpdated.Conflict"/> for the caller to re-read and decide again.
    /// </summary>
    public async Task<TicketUpdated> UpdateTicketAsync(long ticketId, TicketWrite ticket, string writeKey, CrmCallContext call, string operation, CancellationToken cancellationToken)
    {
        using var request = JsonRequest(HttpMethod.Put, Invariant($"api/v2/tickets/{ticketId}.json"), new TicketWriteEnvelope(ticket), call, operation);
        // Zendesk takes no Idempotency-Key on updates; the key only lets our pipeline retry, which the
        // safe update makes harmless: a replay of a committed update meets a newer stamp and gets 409.
        request.WithIdempotencyKey(writeKey);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var envelope = await ReadAsync<TicketEnvelope>(response, cancellationToken);
            return new TicketUpdated(envelope.Ticket ?? throw Malformed(operation), envelope.Audit, Conflict: false);
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return new TicketUpdated(null, null, Conflict: true);
        }

        throw await RejectedAsync(response, operation, cancellationToken);
    }

    /// <summary>Talk Partner Edition screen pop; false when Zendesk says the agent or record does not exist (404).</summary>
    public async Task<bool> DisplayAsync(long agentId, string recordPath, long recordId, string writeKey, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Invariant($"api/v2/channels/voice/agents/{agentId}/{recordPath}/{recordId}/display.json"))
            .WithCall(call, "display-" + recordPath.TrimEnd('s'));
        // Showing a record twice does no harm, so a timed-out pop may be retried.
        request.WithIdempotencyKey(writeKey);
        using var response = await SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw await RejectedAsync(response, "display", cancellationToken),
        };
    }

    /// <summary>
    /// <c>POST /api/v2/channels/voice/tickets</c>. Zendesk documents no idempotency key here, so the request
    /// carries none and is never retried blind; the caller looks the ticket up by external id first.
    /// </summary>
    public async Task<Ticket> CreateVoiceTicketAsync(VoiceTicketEnvelope body, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var request = JsonRequest(HttpMethod.Post, "api/v2/channels/voice/tickets.json", body, call, "create-voice-ticket");
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            return (await ReadAsync<TicketEnvelope>(response, cancellationToken)).Ticket ?? throw Malformed("create-voice-ticket");
        }

        throw await RejectedAsync(response, "create-voice-ticket", cancellationToken);
    }

    private async Task<T?> GetAsync<T>(string url, CrmCallContext call, string operation, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url).WithCall(call, operation);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return await ReadAsync<T>(response, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        throw await RejectedAsync(response, operation, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        ReportUsage(response);
        return response;
    }

    /// <summary>X-Rate-Limit / X-Rate-Limit-Remaining into the API-usage gauge, so load can be shed before a 429.</summary>
    private void ReportUsage(HttpResponseMessage response)
    {
        if (TryReadHeader(response, "X-Rate-Limit", out var limit) && limit > 0
            && TryReadHeader(response, "X-Rate-Limit-Remaining", out var remaining))
        {
            _metrics.ReportApiUsage(CrmKind.Zendesk, Math.Clamp((limit - remaining) / limit, 0, 1));
        }
    }

    private static bool TryReadHeader(HttpResponseMessage response, string name, out double value)
    {
        value = 0;
        return response.Headers.TryGetValues(name, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static HttpRequestMessage JsonRequest<T>(HttpMethod method, string url, T body, CrmCallContext call, string operation)
    {
        // Serialised up front: the content must be buffered so a retry can resend it, and the dry-run
        // ledger must see exactly the bytes a live call sends.
        var json = JsonSerializer.Serialize(body, Json);
        return new HttpRequestMessage(method, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        }.WithCall(call, operation);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw Malformed(typeof(T).Name);
        }
        catch (JsonException ex)
        {
            throw new CrmRejectedException(CrmKind.Zendesk, (int)response.StatusCode, "MalformedResponse", $"Zendesk answered {typeof(T).Name} with JSON we cannot read.", ex);
        }
    }

    private static CrmRejectedException Malformed(string what) =>
        new(CrmKind.Zendesk, 200, "MalformedResponse", $"Zendesk's answer to {what} lacks the expected object.");

    /// <summary>
    /// The permanent failure as an exception, logged (at error level unless the caller judges it). Only Zendesk's error code and its
    /// short description are kept: a text body may echo user data, and request bodies are never logged.
    /// </summary>
    private async Task<CrmRejectedException> RejectedAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var (code, description) = await ReadErrorAsync(response, cancellationToken);
        // A key met with another body is the caller's to judge: two writes of one call racing to create its ticket
        // (expected), or payload drift (a bug the caller logs as an error).
        var level = code == "IdempotentRequestError" ? LogLevel.Information : LogLevel.Error;
        _logger.Log(level, "Zendesk refused {Operation}: {Status} {ErrorCode} ({ErrorDescription})", operation, status, code, description);
        return new CrmRejectedException(CrmKind.Zendesk, status, code, description);
    }

    private static async Task<(string Code, string Description)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallback = response.StatusCode.ToString();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text) || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (fallback, "Zendesk answered " + (int)response.StatusCode + " without a JSON error.");
        }

        try
        {
            var error = JsonSerializer.Deserialize<ErrorBody>(text, Json);
            var code = error?.Error.ValueKind switch
            {
                JsonValueKind.String => error.Error.GetString(),
                JsonValueKind.Object when error.Error.TryGetProperty("title", out var title) => title.GetString(),
                _ => null,
            };
            // 401 carries a sentence ("Couldn't authenticate you") where other errors carry a code.
            return code is not null && !code.Contains(' ', StringComparison.Ordinal)
                ? (code, Truncate(error!.Description ?? code))
                : (fallback, Truncate(code ?? error?.Description ?? fallback));
        }
        catch (JsonException)
        {
            return (fallback, "Zendesk answered " + (int)response.StatusCode + " with an unreadable error body.");
        }
    }

    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200];

    /// <summary>Follows a next-page link only on our own account's host: credentials never go elsewhere.</summary>
    private string? NextPage(string? next)
    {
        if (string.IsNullOrEmpty(next))
        {
            return null;
        }

        if (Uri.TryCreate(next, UriKind.Absolute, out var uri) && _http.BaseAddress is { } account
            && Uri.Compare(uri, account, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return uri.AbsoluteUri;
        }

        _logger.LogWarning("Zendesk returned a next page on another host; not following it");
        return null;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The ticket a create answered with; <see cref="Replayed"/> when Zendesk replayed an earlier create of the key.</summary>
internal sealed record TicketCreated(ZendeskWire.Ticket Ticket, bool Replayed);

/// <summary>The outcome of an update: the ticket and audit, or a safe-update conflict.</summary>
internal sealed record TicketUpdated(ZendeskWire.Ticket? Ticket, ZendeskWire.Audit? Audit, bool Conflict);
