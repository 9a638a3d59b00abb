using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Connectors.Simulators.GraphMail;

/// <summary>
/// Microsoft Graph mail as documented, with its token endpoint:
/// <c>POST /{tenant}/oauth2/v2.0/token</c> (client credentials; errors <c>{error, error_description}</c>) and
/// <c>POST /v1.0/users/{id}/sendMail</c> (Bearer; 202 with no body; errors
/// <c>{error: {code, message, innerError: {request-id, date}}}</c>). More than four concurrent requests to
/// one mailbox are answered 429 with Retry-After (MailboxConcurrency), as Outlook does.
/// </summary>
public sealed class GraphMailSimulator : IAsyncDisposable
{
    private readonly ConcurrentQueue<GraphSentMail> _mail = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private int _maxObservedConcurrency;
    private int _concurrencyRefusals;

    private GraphMailSimulator(GraphMailSimulatorOptions options)
    {
        Options = options;
    }

    public GraphMailSimulatorOptions Options { get; }

    public SimulatorServer Server { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>What the SDK's base URL should be.</summary>
    public Uri GraphBaseUrl => new(BaseAddress, "v1.0");

    public FaultInjector Faults { get; } = new();

    public FaultScript Script { get; } = new();

    public RequestRecorder Requests { get; } = new();

    public IReadOnlyList<GraphSentMail> Mail => _mail.ToList();

    /// <summary>The most sendMail requests one mailbox had in flight at once (admitted ones).</summary>
    public int MaxObservedConcurrency => Volatile.Read(ref _maxObservedConcurrency);

    /// <summary>Requests refused for being past the mailbox's concurrency limit.</summary>
    public int ConcurrencyRefusals => Volatile.Read(ref _concurrencyRefusals);

    public int TokensIssued => _tokens.Count;

    public static async Task<GraphMailSimulator> StartAsync(GraphMailSimulatorOptions? options = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new GraphMailSimulator(options ?? new GraphMailSimulatorOptions());
        simulator.Server = await SimulatorServer.StartAsync(app =>
        {
            app.MapPost("/{tenant}/oauth2/v2.0/token", simulator.TokenAsync);
            app.MapPost("/v1.0/users/{user}/sendMail", simulator.SendMailAsync);
            app.MapGet("/_sim/requests", () => TypedResults.Ok(simulator.Requests.Snapshot()));
            app.MapGet("/_sim/mail", () => TypedResults.Ok(simulator.Mail));
            app.MapFaultControl(simulator.Faults);
        }, port, cancellationToken: cancellationToken);
        return simulator;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task TokenAsync(HttpContext context, string tenant)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        Requests.Record(context, body, null, body);
        var form = QueryHelpers.ParseQuery(body);
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;

        if (!string.Equals(tenant, Options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            await TokenErrorAsync(context, 400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.");
            return;
        }

        if (Field("grant_type") != "client_credentials")
        {
            await TokenErrorAsync(context, 400, "unsupported_grant_type", "AADSTS70003: The app asked for a grant type this endpoint does not support here.");
            return;
        }

        if (Field("client_id") != Options.ClientId)
        {
            await TokenErrorAsync(context, 400, "unauthorized_client", "AADSTS700016: The application was not found in the directory.");
            return;
        }

        if (Field("client_secret") != Options.ClientSecret)
        {
            await TokenErrorAsync(context, 401, "invalid_client", "AADSTS7000215: The client secret provided is not valid.");
            return;
        }

        if (Field("scope") is not { } scope || !scope.EndsWith("/.default", StringComparison.Ordinal))
        {
            await TokenErrorAsync(context, 400, "invalid_scope", "AADSTS1002012: The client-credentials grant needs a '/.default' scope.");
            return;
        }

        var token = "sim." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = Options.Clock.GetUtcNow() + Options.TokenLifetime;
        var seconds = (int)Options.TokenLifetime.TotalSeconds;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = token,
        }, context.RequestAborted);
    }

    private async Task SendMailAsync(HttpContext context, string user)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        JsonObject? json = null;
        try
        {
            // Graph reads property names case-insensitively; the .NET SDK sends "Message" and "SaveToSentItems".
            json = JsonNode.Parse(body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) as JsonObject;
        }
        catch (JsonException)
        {
        }

        var message = json?["message"] as JsonObject;
        var content = message?["body"]?["content"]?.GetValue<string>();
        var withoutContent = json?.DeepClone().AsObject() is { } copy && copy["message"]?["body"] is JsonObject copyBody && copyBody.Remove("content")
            ? copy.ToJsonString()
            : body;
        Requests.Record(context, body, content, withoutContent);

        if (!Authorized(context))
        {
            await GraphErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token validation failure.");
            return;
        }

        if (!Options.Mailboxes.Contains(user))
        {
            await GraphErrorAsync(context, 404, "ErrorInvalidUser", $"The requested user '{user}' is invalid.");
            return;
        }

        var inFlight = _inFlight.AddOrUpdate(user, 1, (_, n) => n + 1);
        try
        {
            if (inFlight > Options.MaxConcurrentRequestsPerMailbox)
            {
                Interlocked.Increment(ref _concurrencyRefusals);
                context.Response.Headers.RetryAfter = "1";
                await GraphErrorAsync(context, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.");
                return;
            }

            RecordConcurrency(inFlight);
            await HandleAdmittedAsync(context, user, json, message, content);
        }
        finally
        {
            _inFlight.AddOrUpdate(user, 0, (_, n) => n - 1);
        }
    }

    private async Task HandleAdmittedAsync(HttpContext context, string user, JsonObject? json, JsonObject? message, string? content)
    {
        var fault = await SimulatedFault.DecideAsync(Script, Faults, context);
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return;
            case FaultKind.Outage or FaultKind.ServerError:
                await GraphErrorAsync(context, 503, "serviceNotAvailable", "The service is temporarily unavailable.");
                return;
            case FaultKind.Throttle:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Faults.Profile.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await GraphErrorAsync(context, 429, "TooManyRequests", "Too many requests.");
                return;
        }

        var recipients = (message?["toRecipients"] as JsonArray)?
            .Select(r => r?["emailAddress"]?["address"]?.GetValue<string>())
            .ToList();
        if (json is null || message is null || recipients is null || recipients.Count == 0 || recipients.Any(a => a is null || !a.Contains('@', StringComparison.Ordinal)))
        {
            await GraphErrorAsync(context, 400, "ErrorInvalidRecipients", "At least one recipient isn't valid; a message needs one or more valid recipients.");
            return;
        }

        var contentType = message["body"]?["contentType"]?.GetValue<string>();
        if (contentType is not null && !contentType.Equals("text", StringComparison.OrdinalIgnoreCase) && !contentType.Equals("html", StringComparison.OrdinalIgnoreCase))
        {
            await GraphErrorAsync(context, 400, "RequestBodyRead", "The body contentType must be Text or HTML.");
            return;
        }

        _mail.Enqueue(new GraphSentMail(user, recipients!, message["subject"]?.GetValue<string>(), contentType, content,
            json["saveToSentItems"]?.GetValue<bool>() ?? true, DateTimeOffset.UtcNow));

        if (fault.Kind == FaultKind.LateAnswer)
        {
            await SimulatedFault.AnswerLateAsync(Faults, context);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        context.Response.StatusCode = 202;
    }

    private bool Authorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            && _tokens.TryGetValue(header["Bearer ".Length..], out var expires)
            && Options.Clock.GetUtcNow() < expires;
    }

    private void RecordConcurrency(int inFlight)
    {
        int seen;
        while (inFlight > (seen = Volatile.Read(ref _maxObservedConcurrency)) &&
               Interlocked.CompareExchange(ref _maxObservedConcurrency, inFlight, seen) != seen)
        {
        }
    }

    private static Task TokenErrorAsync(HttpContext context, int status, string error, string description)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["error"] = error,
            ["error_description"] = description,
            ["error_codes"] = new[] { int.Parse(description[6..description.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture) },
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        }, context.RequestAborted);
    }

    private static Task GraphErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new
        {
            error = new
            {
                code,
                message,
                innerError = new Dictionary<string, string>
                {
                    ["request-id"] = Guid.NewGuid().ToString(),
                    ["date"] = DateTimeOffset.UtcNow.ToString("s", CultureInfo.InvariantCulture),
                },
            },
        }, context.RequestAborted);
    }
}
