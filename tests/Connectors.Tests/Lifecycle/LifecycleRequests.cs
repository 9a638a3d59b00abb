using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Channels.Webhooks;
using Connectors.Tests.Channels;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// Builds a lifecycle's requests in each platform's own shape and signature (through <see cref="ChannelDriver"/>'s
/// builders and secrets) or as the JSON API; <paramref name="retryKey"/> is the platform's id of the request.
/// </summary>
public static class LifecycleRequests
{
    public static LifecycleRequest Channel(string platform, string callId, string action, Dictionary<string, string> parameters, string retryKey, DateTimeOffset hostNow)
    {
        switch (platform)
        {
            case "twilio":
                using (var twilio = ChannelDriver.TwilioRequest(callId, action, parameters, retryKey))
                {
                    return LifecycleRequest.From(twilio, keyed: false);
                }

            case "amazon-connect":
                using (var connect = new HttpRequestMessage(HttpMethod.Post, "api/channels/amazon-connect")
                {
                    Content = JsonContent.Create(ChannelDriver.ConnectEvent(callId, action, parameters), options: ChannelDriver.AsNamed),
                })
                {
                    return LifecycleRequest.From(connect, keyed: true);
                }

            default:
                // Signed at the host's "now", which the silences have moved on from the wall clock.
                var body = JsonSerializer.SerializeToUtf8Bytes(new { requestId = retryKey, callId, action, parameters });
                var signature = WebhookChannelEndpoint.Sign(ChannelDriver.SenderSecret, hostNow.ToUnixTimeSeconds(), body);
                return new LifecycleRequest(
                    "POST",
                    "api/channels/webhook",
                    [new(WebhookChannelEndpoint.SenderHeader, ChannelDriver.Sender), new(WebhookChannelEndpoint.SignatureHeader, signature)],
                    "application/json",
                    body,
                    Keyed: false);
        }
    }

    public static LifecycleRequest Api(string method, string path, object? body, string? idempotencyKey = null)
    {
        IReadOnlyList<KeyValuePair<string, string>> headers = idempotencyKey is null ? [] : [new("Idempotency-Key", idempotencyKey)];
        return body is null
            ? new LifecycleRequest(method, path, headers, null, [], Keyed: true)
            : new LifecycleRequest(method, path, headers, "application/json", JsonSerializer.SerializeToUtf8Bytes(body), Keyed: true);
    }

    /// <summary>A Luhn-valid 16-digit card number of its own for each lifecycle, so a leak is pinned on the call that spoke it.</summary>
    public static string CardNumber(int n)
    {
        var digits = string.Create(CultureInfo.InvariantCulture, $"45399{n:D10}");
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
        }

        return digits + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
