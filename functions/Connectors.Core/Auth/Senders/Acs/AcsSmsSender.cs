using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Senders.Acs;

/// <summary>
/// SMS through Azure Communication Services (<c>POST {endpoint}/sms?api-version=...</c>). Each recipient
/// carries <c>repeatabilityRequestId</c> (the outbox row's id) and <c>repeatabilityFirstSent</c> (when the
/// row was written), so a retry of the same send is recognised by the service and never sends twice. The
/// overall 202 holds a result per recipient, which is what decides the outcome.
/// </summary>
public sealed class AcsSmsSender : ISmsSender
{
    public const string HttpClientName = "sms-acs";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly IHttpClientFactory _httpClients;
    private readonly AcsSmsOptions _options;
    private readonly ILogger _logger;

    public AcsSmsSender(IHttpClientFactory httpClients, IOptions<AcsSmsOptions> options, ILogger<AcsSmsSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _options = options.Value;
        _logger = logger;
    }

    public string Provider => "acs";

    public async Task<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new AcsSendRequest(
            _options.FromNumber,
            [new AcsRecipient(message.To.E164, message.RequestId.ToString("D"), message.FirstSentAt.ToString("R", CultureInfo.InvariantCulture))],
            message.Text,
            new AcsSendOptions(EnableDeliveryReport: false, ValidityPeriodSeconds: null));
        var uri = new Uri(_options.Endpoint!, "sms?api-version=" + Uri.EscapeDataString(_options.ApiVersion));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body, options: Json) };

        try
        {
            var http = _httpClients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                _logger.LogWarning("ACS refused an SMS request: HTTP {Status}", (int)response.StatusCode);
                return ClassifyStatus(response.StatusCode);
            }

            var result = await response.Content.ReadFromJsonAsync<AcsSendResponse>(Json, cancellationToken);
            var item = result?.Value?.FirstOrDefault();
            if (item is null)
            {
                // Accepted, yet no word on the recipient: it may have gone.
                return SendResult.Unknown("no-recipient-result");
            }

            if (item.Successful)
            {
                return SendResult.Sent(item.MessageId);
            }

            _logger.LogWarning("ACS refused an SMS recipient: item HTTP {ItemStatus}, repeatability {Repeatability}", item.HttpStatusCode, item.RepeatabilityResult);
            return ClassifyItem(item.HttpStatusCode, item.RepeatabilityResult);
        }
        catch (Exception ex) when (SendFailures.IsSendFailure(ex) || ex is JsonException)
        {
            var result = ex is JsonException ? SendResult.Unknown("unreadable-answer") : SendFailures.Classify(ex);
            _logger.LogWarning("ACS SMS send ended without an answer: {Reason}", result.Reason);
            return result;
        }
    }

    internal static SendResult ClassifyStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => SendResult.Failed("auth"),
        HttpStatusCode.TooManyRequests => SendResult.Failed("throttled"),
        _ when (int)status >= 500 => SendResult.Unknown("server-error"),
        _ => SendResult.Failed("rejected-" + ((int)status).ToString(CultureInfo.InvariantCulture)),
    };

    /// <summary>A per-recipient failure inside the 202: the service says it did not take this message.</summary>
    internal static SendResult ClassifyItem(int status, string? repeatability) => (status, repeatability) switch
    {
        (_, "rejected") => SendResult.Failed("repeatability-rejected"),
        (400, _) => SendResult.Failed("invalid-destination", destinationRejected: true),
        _ => SendResult.Failed("recipient-" + status.ToString(CultureInfo.InvariantCulture)),
    };

    private sealed record AcsSendRequest(string From, IReadOnlyList<AcsRecipient> SmsRecipients, string Message, AcsSendOptions SmsSendOptions);

    private sealed record AcsRecipient(string To, string RepeatabilityRequestId, string RepeatabilityFirstSent);

    private sealed record AcsSendOptions(bool EnableDeliveryReport, int? ValidityPeriodSeconds);

    private sealed record AcsSendResponse(IReadOnlyList<AcsRecipientResult>? Value);

    private sealed record AcsRecipientResult(string? To, string? MessageId, int HttpStatusCode, bool Successful, string? ErrorMessage, string? RepeatabilityResult);
}
