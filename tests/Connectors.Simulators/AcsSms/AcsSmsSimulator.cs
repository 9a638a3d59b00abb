using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Connectors.Simulators.AcsSms;

/// <summary>
/// Azure Communication Services SMS as documented: <c>POST /sms?api-version=...</c> signed with the access
/// key (HMAC-SHA256 over method, path and query, x-ms-date, host, x-ms-content-sha256); 202 with one result
/// per recipient (<c>to, messageId, httpStatusCode, successful, errorMessage, repeatabilityResult</c>), so
/// failures sit inside a 202. Repeatability: an id seen within the tracked duration with the same content
/// is answered with its first result and sends nothing; a different content, a malformed id or date is
/// "rejected" (400); a first-sent outside the tracked duration is "rejected" (412).
/// </summary>
public sealed partial class AcsSmsSimulator : IAsyncDisposable
{
    private readonly ConcurrentQueue<AcsSentMessage> _messages = new();
    private readonly ConcurrentDictionary<string, SeenRequest> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    private AcsSmsSimulator(AcsSmsSimulatorOptions options)
    {
        Options = options;
    }

    public AcsSmsSimulatorOptions Options { get; }

    public SimulatorServer Server { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    public FaultInjector Faults { get; } = new();

    public FaultScript Script { get; } = new();

    public RequestRecorder Requests { get; } = new();

    public IReadOnlyList<AcsSentMessage> Messages => _messages.ToList();

    /// <summary>Recipients answered 503 inside the 202 (the item fails; a repeat of it is re-executed).</summary>
    public ConcurrentDictionary<string, bool> UnavailableRecipients { get; } = new(StringComparer.Ordinal);

    public static async Task<AcsSmsSimulator> StartAsync(AcsSmsSimulatorOptions? options = null, int port = 0, CancellationToken cancellationToken = default)
    {
        var simulator = new AcsSmsSimulator(options ?? new AcsSmsSimulatorOptions());
        simulator.Server = await SimulatorServer.StartAsync(app =>
        {
            app.MapPost("/sms", simulator.SendAsync);
            app.MapGet("/_sim/requests", () => TypedResults.Ok(simulator.Requests.Snapshot()));
            app.MapGet("/_sim/messages", () => TypedResults.Ok(simulator.Messages));
            app.MapFaultControl(simulator.Faults);
        }, port, cancellationToken: cancellationToken);
        return simulator;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task SendAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        var body = Encoding.UTF8.GetString(bytes);
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
        }

        var text = json?["message"]?.GetValue<string>();
        var withoutText = json?.DeepClone().AsObject() is { } copy && copy.Remove("message") ? copy.ToJsonString() : body;
        Requests.Record(context, body, text, withoutText);

        var apiVersion = context.Request.Query["api-version"].ToString();
        if (!Options.ApiVersions.Contains(apiVersion))
        {
            await ErrorAsync(context, 400, "UnsupportedApiVersion", $"The api-version '{apiVersion}' is not supported.");
            return;
        }

        if (!SignatureValid(context, bytes))
        {
            await ErrorAsync(context, 401, "Denied", "Denied by the resource provider.");
            return;
        }

        var fault = await SimulatedFault.DecideAsync(Script, Faults, context);
        switch (fault.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return;
            case FaultKind.Outage:
                await ErrorAsync(context, 503, "ServiceUnavailable", "The service is temporarily unavailable.");
                return;
            case FaultKind.ServerError:
                await ErrorAsync(context, 500, "InternalServerError", "An internal error occurred.");
                return;
            case FaultKind.Throttle:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Faults.Profile.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ErrorAsync(context, 429, "TooManyRequests", "Rate limit exceeded.");
                return;
        }

        var from = json?["from"]?.GetValue<string>();
        var recipients = json?["smsRecipients"] as JsonArray;
        if (json is null || from is null || text is null || recipients is null)
        {
            await ErrorAsync(context, 400, "BadRequest", "The request body must hold from, smsRecipients and message.");
            return;
        }

        if (!Options.OwnedNumbers.Contains(from))
        {
            await ErrorAsync(context, 400, "BadRequest", "Invalid From phone number: the resource does not own it.");
            return;
        }

        if (recipients.Count is < 1 or > 100 || text.Length > 2048)
        {
            await ErrorAsync(context, 400, "BadRequest", "Between 1 and 100 recipients and at most 2,048 characters of message are allowed.");
            return;
        }

        var results = new JsonArray();
        foreach (var recipient in recipients.OfType<JsonObject>())
        {
            results.Add(SendOne(from, text, recipient));
        }

        if (fault.Kind == FaultKind.LateAnswer)
        {
            await SimulatedFault.AnswerLateAsync(Faults, context);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["value"] = results }.ToJsonString(), context.RequestAborted);
    }

    private JsonObject SendOne(string from, string text, JsonObject recipient)
    {
        var to = recipient["to"]?.GetValue<string>() ?? string.Empty;
        var requestId = recipient["repeatabilityRequestId"]?.GetValue<string>();
        var firstSent = recipient["repeatabilityFirstSent"]?.GetValue<string>();
        var now = Options.Clock.GetUtcNow();
        if (requestId is not null || firstSent is not null)
        {
            if (requestId is null || firstSent is null || !Guid.TryParseExact(requestId, "D", out _) ||
                !DateTimeOffset.TryParseExact(firstSent, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var first))
            {
                return Result(to, null, 400, false, "Invalid repeatability headers.", "rejected");
            }

            if (now - first > Options.TrackedDuration || first - now > Options.MaxClockSkew)
            {
                return Result(to, null, 412, false, "The repeatability first-sent time is outside the tracked duration.", "rejected");
            }
        }

        lock (_gate)
        {
            if (requestId is not null && _seen.TryGetValue(requestId, out var seen) && now - seen.At <= Options.TrackedDuration)
            {
                if (seen.To != to || seen.Text != text)
                {
                    return Result(to, null, 400, false, "The repeatability request id was used for a different request.", "rejected");
                }

                // A repeat of a request that got an answer other than 5xx gets that answer again; nothing is sent.
                if (seen.Status < 500)
                {
                    return Result(to, seen.MessageId, seen.Status, seen.Status == 202, seen.Error, "accepted");
                }
            }

            var (status, error) = !E164().IsMatch(to) ? (400, "Invalid To phone number format.")
                : Options.RefusedRecipients.Contains(to) ? (400, "The recipient cannot receive messages.")
                : UnavailableRecipients.ContainsKey(to) ? (503, "Service unavailable for this recipient.")
                : (202, (string?)null);
            string? messageId = null;
            if (status == 202)
            {
                messageId = "Outgoing_" + now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "_noam";
                _messages.Enqueue(new AcsSentMessage(messageId, from, to, text, requestId, now));
            }

            if (requestId is not null)
            {
                _seen[requestId] = new SeenRequest(to, text, status, messageId, error, now);
            }

            return Result(to, messageId, status, status == 202, error, requestId is null ? null : "accepted");
        }
    }

    private bool SignatureValid(HttpContext context, byte[] body)
    {
        var date = context.Request.Headers["x-ms-date"].ToString();
        var contentHash = context.Request.Headers["x-ms-content-sha256"].ToString();
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!DateTimeOffset.TryParseExact(date, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) ||
            (Options.Clock.GetUtcNow() - signedAt).Duration() > Options.MaxClockSkew)
        {
            return false;
        }

        if (contentHash != Convert.ToBase64String(SHA256.HashData(body)))
        {
            return false;
        }

        const string prefix = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var stringToSign = $"{context.Request.Method}\n{target}\n{date};{context.Request.Host.Value};{contentHash}";
        var expected = HMACSHA256.HashData(Convert.FromBase64String(Options.AccessKey), Encoding.UTF8.GetBytes(stringToSign));
        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(authorization[prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static JsonObject Result(string to, string? messageId, int status, bool successful, string? error, string? repeatability)
    {
        var result = new JsonObject
        {
            ["to"] = to,
            ["httpStatusCode"] = status,
            ["successful"] = successful,
        };
        if (messageId is not null)
        {
            result["messageId"] = messageId;
        }

        if (error is not null)
        {
            result["errorMessage"] = error;
        }

        if (repeatability is not null)
        {
            result["repeatabilityResult"] = repeatability;
        }

        return result;
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } }, context.RequestAborted);
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    private sealed record SeenRequest(string To, string Text, int Status, string? MessageId, string? Error, DateTimeOffset At);
}
