using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connectors.Core.Channels.Twilio;
using Connectors.Core.Channels.Webhooks;

namespace Connectors.Tests.Channels;

/// <summary>
/// Speaks to the connector set as one platform does: Amazon Connect's Lambda event (with the function key), Twilio's
/// signed form posts (no key), or a signed generic webhook (no key). Every answer body is kept for the leak checks.
/// </summary>
internal sealed class ChannelDriver
{
    public const string TwilioAuthToken = "e2e-twilio-auth-token-not-a-real-one";
    public const string PublicBaseUrl = "https://connectors.example.test/";
    public const string Sender = "genesys";
    public const string SenderSecret = "e2e-webhook-sender-secret-0123456789abcdef";

    /// <summary>Connect's event is PascalCase: property names as declared.</summary>
    public static readonly JsonSerializerOptions AsNamed = new();

    private readonly HttpClient _keyed;
    private readonly HttpClient _anonymous;
    private readonly List<string> _answers = [];

    public ChannelDriver(string platform, HttpClient keyed)
    {
        Platform = platform;
        _keyed = keyed;
        _anonymous = new HttpClient { BaseAddress = keyed.BaseAddress, Timeout = keyed.Timeout };
    }

    public string Platform { get; }

    /// <summary>Every body the connector set answered to this driver.</summary>
    public IReadOnlyList<string> Answers => _answers;

    /// <summary>The settings a host needs to accept this driver's signatures.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Channels:Twilio:AuthToken"] = TwilioAuthToken,
        ["Channels:Twilio:PublicBaseUrl"] = PublicBaseUrl,
        [$"Channels:Webhooks:Senders:{Sender}:Secret"] = SenderSecret,
    };

    public async Task<Dictionary<string, string>> SendAsync(string callId, string action, Dictionary<string, string>? parameters = null, string? retryKey = null)
    {
        using var response = await PostAsync(callId, action, parameters ?? [], retryKey);
        var body = await response.Content.ReadAsStringAsync();
        lock (_answers)
        {
            _answers.Add(body);
        }

        Assert.True(response.IsSuccessStatusCode, $"{Platform} {action}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
    }

    public Task<HttpResponseMessage> PostAsync(string callId, string action, Dictionary<string, string> parameters, string? retryKey = null) => Platform switch
    {
        "amazon-connect" => _keyed.PostAsync("api/channels/amazon-connect", JsonContent.Create(ConnectEvent(callId, action, parameters), options: AsNamed)),
        "twilio" => SendTwilio(TwilioRequest(callId, action, parameters, retryKey ?? Guid.NewGuid().ToString("N"))),
        _ => SendWebhook(callId, action, parameters, retryKey ?? Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow),
    };

    public static object ConnectEvent(string callId, string action, Dictionary<string, string> parameters) => new
    {
        Name = "ContactFlowEvent",
        Details = new
        {
            ContactData = new
            {
                Attributes = new Dictionary<string, string>(),
                Channel = "VOICE",
                ContactId = callId + "-leg",
                InitialContactId = callId,
                InitiationMethod = "INBOUND",
                CustomerEndpoint = new { Address = Connectors.Simulators.Salesforce.SalesforceSeedData.AlicePhone, Type = "TELEPHONE_NUMBER" },
                SystemEndpoint = new { Address = "+18005551212", Type = "TELEPHONE_NUMBER" },
            },
            Parameters = new Dictionary<string, string>(parameters) { ["action"] = action },
        },
    };

    /// <summary>A Twilio form post, signed as Twilio signs it for the public URL.</summary>
    public static HttpRequestMessage TwilioRequest(string callId, string action, Dictionary<string, string> parameters, string idempotencyToken, string? authToken = null)
    {
        var form = new Dictionary<string, string>(parameters)
        {
            ["CallSid"] = callId,
            ["From"] = Connectors.Simulators.Salesforce.SalesforceSeedData.AlicePhone,
            ["To"] = "+18005551212",
        };
        var path = $"api/channels/twilio/{action}";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignatureValidator.HeaderName, TwilioSignatureValidator.Sign(authToken ?? TwilioAuthToken, PublicBaseUrl + path, form));
        request.Headers.Add("I-Twilio-Idempotency-Token", idempotencyToken);
        return request;
    }

    public Task<HttpResponseMessage> SendTwilio(HttpRequestMessage request) => _anonymous.SendAsync(request);

    public Task<HttpResponseMessage> SendWebhook(string callId, string action, Dictionary<string, string> parameters, string requestId, DateTimeOffset signedAt, Func<byte[], byte[]>? tamper = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { requestId, callId, action, parameters });
        var signature = WebhookChannelEndpoint.Sign(SenderSecret, signedAt.ToUnixTimeSeconds(), body);
        var content = new ByteArrayContent(tamper is null ? body : tamper(body));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/channels/webhook") { Content = content };
        request.Headers.Add(WebhookChannelEndpoint.SenderHeader, Sender);
        request.Headers.Add(WebhookChannelEndpoint.SignatureHeader, signature);
        return _anonymous.SendAsync(request);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
