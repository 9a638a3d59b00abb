using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Senders.Twilio;

/// <summary>
/// SMS through Twilio Programmable Messaging (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>, form
/// encoded, Basic auth). Twilio has no idempotency key, so after a request may have reached it the outcome
/// is taken as it comes: a timeout or 5xx is "unknown", never retried.
/// </summary>
public sealed class TwilioSmsSender : ISmsSender
{
    public const string HttpClientName = "sms-twilio";

    /// <summary>Longest validity Twilio takes (seconds).</summary>
    private const int MaxValidityPeriodSeconds = 36_000;

    private readonly IHttpClientFactory _httpClients;
    private readonly TwilioSmsOptions _options;
    private readonly ILogger _logger;

    public TwilioSmsSender(IHttpClientFactory httpClients, IOptions<TwilioSmsOptions> options, ILogger<TwilioSmsSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _options = options.Value;
        _logger = logger;
    }

    public string Provider => "twilio";

    public async Task<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("To", message.To.E164),
            new("Body", message.Text),
            new("ValidityPeriod", Math.Clamp((int)message.ValidFor.TotalSeconds, 1, MaxValidityPeriodSeconds).ToString(CultureInfo.InvariantCulture)),
        };
        fields.Add(string.IsNullOrWhiteSpace(_options.MessagingServiceSid)
            ? new("From", _options.FromNumber!)
            : new("MessagingServiceSid", _options.MessagingServiceSid));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseUrl, $"2010-04-01/Accounts/{Uri.EscapeDataString(_options.AccountSid)}/Messages.json"))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.AccountSid + ":" + _options.AuthToken)));

        try
        {
            var http = _httpClients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                return SendResult.Sent(await ReadSidAsync(response, cancellationToken));
            }

            var code = await ReadErrorCodeAsync(response, cancellationToken);
            // Only the code: Twilio's message text can quote the number.
            _logger.LogWarning("Twilio refused an SMS: HTTP {Status}, error {TwilioCode}", (int)response.StatusCode, code);
            return Classify(response.StatusCode, code);
        }
        catch (Exception ex) when (SendFailures.IsSendFailure(ex))
        {
            var result = SendFailures.Classify(ex);
            _logger.LogWarning("Twilio SMS send ended without an answer: {Reason}", result.Reason);
            return result;
        }
    }

    /// <summary>Twilio's error codes as send outcomes (facts: 21211, 21614, 21408, 21610, 20003, 20429).</summary>
    internal static SendResult Classify(HttpStatusCode status, int? code) => code switch
    {
        21211 => SendResult.Failed("invalid-destination", destinationRejected: true),
        21614 => SendResult.Failed("not-sms-capable", destinationRejected: true),
        21408 => SendResult.Failed("region-not-enabled", destinationRejected: true),
        21610 => SendResult.Failed("opted-out", destinationRejected: true),
        20003 => SendResult.Failed("auth"),
        20429 => SendResult.Failed("throttled"),
        _ when status == HttpStatusCode.TooManyRequests => SendResult.Failed("throttled"),
        _ when status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => SendResult.Failed("auth"),
        // A 5xx may come after Twilio queued the message.
        _ when (int)status >= 500 => SendResult.Unknown("server-error"),
        _ => SendResult.Failed(code is { } c ? "rejected-" + c.ToString(CultureInfo.InvariantCulture) : "rejected"),
    };

    private static async Task<string?> ReadSidAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return json.RootElement.TryGetProperty("sid", out var sid) ? sid.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<int?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return json.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
