using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connectors.Core.Channels.Twilio;
using Connectors.Core.Channels.Webhooks;

namespace Connectors.Scenarios.Running;

/// <summary>
/// Sends a platform action as one entry point sends it: the JSON API's routes with the function key; Twilio's signed
/// form post; the signed generic webhook; Amazon Connect's Lambda event with the function key. The signatures are
/// Core's own (<see cref="TwilioSignatureValidator.Sign"/>, <see cref="WebhookChannelEndpoint.Sign"/>).
/// The human's side (disposition, select) has no platform action and always goes through the JSON API.
/// </summary>
public sealed class PlatformDriver(string channel, HttpClient http, RunnerSettings settings)
{
    public const string Api = "api";
    public const string Twilio = "twilio";
    public const string Webhook = "webhook";
    public const string AmazonConnect = "amazon-connect";

    public static IReadOnlyList<string> All { get; } = [Api, Webhook, Twilio, AmazonConnect];

    public string Channel { get; } = channel;

    public async Task<CallAnswer> SendAsync(ChannelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var viaApi = Channel == Api || request.Action is "disposition" or "select";
        using var message = viaApi ? ApiRequest(request) : Channel switch
        {
            Twilio => TwilioRequest(request),
            Webhook => WebhookRequest(request),
            _ => ConnectRequest(request),
        };
        var described = $"{(viaApi ? Api : Channel)} {message.Method} {message.RequestUri} {Describe(request.Parameters)}";
        using var response = await http.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return CallAnswer.Read(viaApi ? Api : Channel, request.Action, described, (int)response.StatusCode, body);
    }

    private HttpRequestMessage ApiRequest(ChannelRequest r)
    {
        var id = Uri.EscapeDataString(r.CallId);
        var p = r.Parameters;
        string? Get(string name) => p.TryGetValue(name, out var v) ? v : null;
        (HttpMethod Method, string Path, object? Body) shape = r.Action switch
        {
            "connect" => (HttpMethod.Post, $"api/calls/{id}/connect", new { platform = Get("platform") ?? "webhook", callerNumber = Get("callerNumber"), dialledNumber = Get("dialledNumber"), ivrDigits = Get("ivrDigits"), dryRun = true }),
            "read" => (HttpMethod.Get, $"api/calls/{id}/account?action={Uri.EscapeDataString(Get("for") ?? string.Empty)}", null),
            "knowledge" => (HttpMethod.Post, $"api/calls/{id}/auth/knowledge", new { lastFour = Get("lastFour"), billingZip = Get("billingZip"), dateOfBirth = Get("dateOfBirth") }),
            "otp-send" => (HttpMethod.Post, $"api/calls/{id}/auth/otp", new { channel = Get("channel") ?? "sms" }),
            "otp-verify" => (HttpMethod.Post, $"api/calls/{id}/auth/otp/verify", new { code = Get("code") }),
            "say" => (HttpMethod.Put, $"api/calls/{id}/baton", SayBody(p)),
            "transfer" => (HttpMethod.Post, $"api/calls/{id}/transfer", new { reason = Get("reason"), target = Get("target") }),
            "answered" => (HttpMethod.Post, $"api/calls/{id}/answered", new { agentId = Get("agentId") }),
            "end" => (HttpMethod.Post, $"api/calls/{id}/end", new { reason = Get("reason"), humanTookCall = Get("humanTookCall") == "true" }),
            "disposition" => (HttpMethod.Post, $"api/calls/{id}/disposition", new { outcomeCode = Get("outcomeCode"), summary = Get("summary") }),
            "select" => (HttpMethod.Post, $"api/calls/{id}/account/select", new { accountNumber = Get("accountNumber") }),
            _ => throw new InvalidOperationException($"No JSON API route for '{r.Action}'."),
        };
        var message = new HttpRequestMessage(shape.Method, shape.Path);
        if (shape.Body is not null)
        {
            message.Content = JsonContent.Create(shape.Body);
        }

        // The JSON API's retry key: a repeated append or transfer under the same key adds nothing.
        message.Headers.Add("Idempotency-Key", r.RetryToken);
        AddKey(message);
        return message;
    }

    private static object SayBody(IReadOnlyDictionary<string, string> p)
    {
        string? Get(string name) => p.TryGetValue(name, out var v) ? v : null;
        return new
        {
            turns = Get("text") is { } text ? new[] { new { speaker = Get("speaker") ?? "caller", text } } : null,
            intent = Get("intent"),
            summary = Get("summary"),
            amounts = Get("amount") is { } amount
                ? new[] { new { value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency = Get("currency"), label = Get("amountLabel") } }
                : null,
            notes = Get("note") is { } note ? new[] { note } : null,
        };
    }

    private HttpRequestMessage TwilioRequest(ChannelRequest r)
    {
        var form = new Dictionary<string, string>(r.Parameters.Where(p => p.Key is not ("callerNumber" or "dialledNumber" or "platform")), StringComparer.Ordinal)
        {
            ["CallSid"] = r.CallId,
        };
        if (r.Parameters.TryGetValue("callerNumber", out var from))
        {
            form["From"] = from;
        }

        if (r.Parameters.TryGetValue("dialledNumber", out var to))
        {
            form["To"] = to;
        }

        var path = $"api/channels/twilio/{r.Action}";
        var publicBase = (settings.TwilioPublicBaseUrl ?? http.BaseAddress!).AbsoluteUri.TrimEnd('/') + "/";
        var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        message.Headers.Add(TwilioSignatureValidator.HeaderName, TwilioSignatureValidator.Sign(settings.TwilioAuthToken, publicBase + path, form));
        message.Headers.Add(TwilioChannelEndpoint.IdempotencyHeader, r.RetryToken);
        return message;
    }

    private HttpRequestMessage WebhookRequest(ChannelRequest r)
    {
        var parameters = r.Parameters.Where(p => p.Key != "platform").ToDictionary(StringComparer.Ordinal);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { requestId = r.RetryToken, callId = r.CallId, action = r.Action, parameters });
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var message = new HttpRequestMessage(HttpMethod.Post, "api/channels/webhook") { Content = content };
        message.Headers.Add(WebhookChannelEndpoint.SenderHeader, settings.WebhookSender);
        message.Headers.Add(WebhookChannelEndpoint.SignatureHeader, WebhookChannelEndpoint.Sign(settings.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        return message;
    }

    /// <summary>Connect's "Invoke AWS Lambda function" event, as the pass-through Lambda forwards it.</summary>
    private HttpRequestMessage ConnectRequest(ChannelRequest r)
    {
        var parameters = r.Parameters.Where(p => p.Key is not ("callerNumber" or "dialledNumber" or "platform")).ToDictionary(StringComparer.Ordinal);
        parameters["action"] = r.Action;
        var contact = new Dictionary<string, object?>
        {
            ["Attributes"] = new Dictionary<string, string>(),
            ["Channel"] = "VOICE",
            // A retried event is the same event; a new one carries a new leg id, so its hash (the retry key) differs.
            ["ContactId"] = r.CallId + "-" + r.RetryToken,
            ["InitialContactId"] = r.CallId,
            ["InitiationMethod"] = "INBOUND",
            ["CustomerEndpoint"] = r.Parameters.TryGetValue("callerNumber", out var from) ? new { Address = from, Type = "TELEPHONE_NUMBER" } : null,
            ["SystemEndpoint"] = r.Parameters.TryGetValue("dialledNumber", out var to) ? new { Address = to, Type = "TELEPHONE_NUMBER" } : null,
        };
        var body = new { Name = "ContactFlowEvent", Details = new { ContactData = contact, Parameters = parameters } };
        var message = new HttpRequestMessage(HttpMethod.Post, "api/channels/amazon-connect") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        AddKey(message);
        return message;
    }

    private void AddKey(HttpRequestMessage message)
    {
        if (!string.IsNullOrEmpty(settings.Key))
        {
            message.Headers.Add("x-functions-key", settings.Key);
        }
    }

    /// <summary>The parameters as evidence: what a caller answers a gate with never appears in a report.</summary>
    private static string Describe(IReadOnlyDictionary<string, string> parameters) =>
        parameters.Count == 0 ? string.Empty : "{" + string.Join(", ", parameters.Select(p => $"{p.Key}={(Connectors.Core.Replay.RecordedRequestRedactor.IsSecret(p.Key) ? "***" : p.Value)}")) + "}";
}
