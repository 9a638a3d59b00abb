using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connectors.Simulators.Zendesk;

/// <summary>
/// A Zendesk Support + Talk Partner Edition account as a real HTTP server: the endpoints the connector
/// uses with their documented statuses, bodies and headers (Idempotency-Key, safe updates, rate limits,
/// search index lag, Basic <c>{email}/token</c> and bearer auth), faults from a <see cref="FaultInjector"/>,
/// and a request log. Tests use the in-process API (<see cref="Account"/>, <see cref="Requests"/>,
/// <see cref="Faults"/>, <see cref="AdvanceClock"/>); other processes use the <c>/_sim/</c> endpoints.
/// </summary>
public sealed class ZendeskSimulator : IAsyncDisposable
{
    internal const string AgentItem = "zendesk.agent";

    private readonly object _gate = new();
    private readonly List<(FaultKind Kind, string? Method, string? PathContains)> _scriptedFaults = [];
    private readonly List<(string Method, string PathContains, Action<ZendeskAccount> Action)> _interleaves = [];
    private long _sequence;
    private SimulatorServer? _server;

    private ZendeskSimulator(ZendeskSimulatorSettings settings)
    {
        Settings = settings;
        Clock = new OffsetClock(settings.Clock);
        Account = new ZendeskAccount(Clock, settings.Seed);
        Faults = new FaultInjector(Clock);
        RateLimiter = new ZendeskRateLimiter(settings, Clock);
    }

    public ZendeskSimulatorSettings Settings { get; }

    public OffsetClock Clock { get; }

    public ZendeskAccount Account { get; }

    public FaultInjector Faults { get; }

    public ZendeskRequestLog Requests { get; } = new();

    public SimulatorServer Server => _server ?? throw new InvalidOperationException("The simulator has not started.");

    public Uri BaseAddress => Server.BaseAddress;

    internal ZendeskRateLimiter RateLimiter { get; }

    public static async Task<ZendeskSimulator> StartAsync(ZendeskSimulatorSettings? settings = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new ZendeskSimulator(settings ?? new ZendeskSimulatorSettings());
        simulator._server = await SimulatorServer.StartAsync(simulator.Map, port, cancellationToken: cancellationToken);
        return simulator;
    }

    /// <summary>Moves the business clock on (key expiry, index lag, stamps), e.g. past the two-hour key window.</summary>
    public void AdvanceClock(TimeSpan by) => Clock.Advance(by);

    /// <summary>The next request that matches gets <paramref name="kind"/>, before the random faults are consulted.</summary>
    public void ScriptFault(FaultKind kind, string? method = null, string? pathContains = null)
    {
        lock (_gate)
        {
            _scriptedFaults.Add((kind, method, pathContains));
        }
    }

    /// <summary>Runs <paramref name="action"/> on the account just before the next matching request is handled (an agent edits in between).</summary>
    public void BeforeNext(string method, string pathContains, Action<ZendeskAccount> action)
    {
        lock (_gate)
        {
            _interleaves.Add((method, pathContains, action));
        }
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
        app.Use(FrontDoorAsync);
        ZendeskApiEndpoints.Map(app, this);
        app.MapFaultControl(Faults);
        app.MapGet("/_sim/requests", () => TypedResults.Ok(Requests.Entries));
        app.MapDelete("/_sim/requests", () =>
        {
            Requests.Clear();
            return TypedResults.NoContent();
        });
        app.MapGet("/_sim/state", () => TypedResults.Ok(new { tickets = Account.TicketCount, now = Clock.GetUtcNow() }));
        app.MapPost("/_sim/clock/advance", (double seconds) =>
        {
            AdvanceClock(TimeSpan.FromSeconds(seconds));
            return TypedResults.Ok(new { now = Clock.GetUtcNow() });
        });
    }

    /// <summary>
    /// What stands in front of every API endpoint: log, authenticate, count against the rate limit,
    /// then misbehave as the fault profile says (a drop commits nothing; a late answer commits, then
    /// answers after the delay).
    /// </summary>
    private async Task FrontDoorAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var sequence = Interlocked.Increment(ref _sequence);
        var arrived = Clock.GetUtcNow();
        var method = context.Request.Method;
        var pathAndQuery = context.Request.Path.Value + context.Request.QueryString.Value;
        var headers = context.Request.Headers
            .Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? body = null;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
        }

        var fault = FaultKind.None;
        var dropped = false;
        try
        {
            RunInterleaves(method, pathAndQuery);
            if (Authenticate(context) is not { } agentId)
            {
                await WriteAsync(context, 401, new JsonObject { ["error"] = "Couldn't authenticate you" }.ToJsonString());
                return;
            }

            context.Items[AgentItem] = agentId;
            var (allowed, limit, remaining, retryAfter) = RateLimiter.Take();
            context.Response.Headers["X-Rate-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Rate-Limit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            if (!allowed)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await WriteTextAsync(context, 429, "Number of allowed API requests per minute exceeded");
                return;
            }

            var decision = NextFault(method, pathAndQuery, isWrite: method is not ("GET" or "HEAD"));
            fault = decision.Kind;
            if (decision.Latency > TimeSpan.Zero)
            {
                // Not tied to the client: a server goes on with a request its client gave up on.
                await Task.Delay(decision.Latency, CancellationToken.None);
            }

            switch (decision.Kind)
            {
                case FaultKind.Outage or FaultKind.ServerError:
                    await WriteAsync(context, 503, ZendeskJsonShapes.Error("ServiceUnavailable", "The service is temporarily unavailable.").ToJsonString());
                    break;
                case FaultKind.Throttle:
                    // Per-resource limits answer in plain text, not JSON.
                    context.Response.Headers.RetryAfter = Math.Ceiling(Faults.Profile.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                    await WriteTextAsync(context, 429, "You have exceeded the rate limit for this resource. Please try again later.");
                    break;
                case FaultKind.Drop:
                    dropped = true;
                    context.Abort();
                    break;
                case FaultKind.LateAnswer:
                    await AnswerLateAsync(context, next, Faults.Profile.LateAnswerDelay);
                    break;
                default:
                    await next(context);
                    break;
            }
        }
        finally
        {
            Requests.Add(new ZendeskLoggedRequest
            {
                Sequence = sequence,
                At = arrived,
                Method = method,
                PathAndQuery = pathAndQuery,
                Headers = headers,
                Body = body,
                Status = dropped ? 0 : context.Response.StatusCode,
                ResponseHeaders = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                Fault = fault,
            });
        }
    }

    /// <summary>Commits (runs the endpoint into a buffer), then holds the answer back past the client's timeout.</summary>
    private static async Task AnswerLateAsync(HttpContext context, RequestDelegate next, TimeSpan delay)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        await Task.Delay(delay, CancellationToken.None);
        try
        {
            buffer.Position = 0;
            context.Response.ContentLength = buffer.Length;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client left long ago; the ticket is committed all the same.
        }
    }

    private long? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return header["Bearer ".Length..] == Settings.OAuthToken ? AgentByEmail(Settings.AgentEmail) : null;
        }

        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return null;
        }

        // "{email}/token:{api token}"; password authentication is switched off, as Zendesk now defaults to.
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !decoded[..colon].EndsWith("/token", StringComparison.Ordinal) || decoded[(colon + 1)..] != Settings.ApiToken)
        {
            return null;
        }

        var email = decoded[..colon][..^"/token".Length];
        return string.Equals(email, Settings.AgentEmail, StringComparison.OrdinalIgnoreCase) ? AgentByEmail(email) : null;
    }

    private long? AgentByEmail(string email)
    {
        lock (Account.Sync)
        {
            return Account.UserTable.Values.FirstOrDefault(u => u.IsAgent && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))?.Id;
        }
    }

    private FaultDecision NextFault(string method, string pathAndQuery, bool isWrite)
    {
        lock (_gate)
        {
            var index = _scriptedFaults.FindIndex(f => Matches(f.Method, f.PathContains, method, pathAndQuery));
            if (index >= 0)
            {
                var scripted = _scriptedFaults[index];
                _scriptedFaults.RemoveAt(index);
                return new FaultDecision(scripted.Kind, TimeSpan.Zero);
            }
        }

        return Faults.Next(isWrite);
    }

    private void RunInterleaves(string method, string pathAndQuery)
    {
        Action<ZendeskAccount>? action = null;
        lock (_gate)
        {
            var index = _interleaves.FindIndex(i => Matches(i.Method, i.PathContains, method, pathAndQuery));
            if (index >= 0)
            {
                action = _interleaves[index].Action;
                _interleaves.RemoveAt(index);
            }
        }

        action?.Invoke(Account);
    }

    private static bool Matches(string? expectedMethod, string? pathContains, string method, string pathAndQuery) =>
        (expectedMethod is null || string.Equals(expectedMethod, method, StringComparison.OrdinalIgnoreCase))
        && (pathContains is null || pathAndQuery.Contains(pathContains, StringComparison.Ordinal));

    internal static Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json);
    }

    internal static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(text);
    }

    internal static JsonObject Page(string collection, IReadOnlyList<JsonNode> all, HttpContext context)
    {
        var perPage = Math.Clamp(QueryInt(context, "per_page") ?? 100, 1, 100);
        var page = Math.Max(QueryInt(context, "page") ?? 1, 1);
        var items = all.Skip((page - 1) * perPage).Take(perPage).Select(n => n.DeepClone()).ToArray();
        string? Link(int number)
        {
            var query = context.Request.Query.Where(q => q.Key != "page").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").Append($"page={number}");
            return $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?{string.Join('&', query)}";
        }

        return new JsonObject
        {
            [collection] = new JsonArray(items),
            ["next_page"] = page * perPage < all.Count ? Link(page + 1) : null,
            ["previous_page"] = page > 1 ? Link(page - 1) : null,
            ["count"] = all.Count,
        };
    }

    private static int? QueryInt(HttpContext context, string name) =>
        int.TryParse(context.Request.Query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
