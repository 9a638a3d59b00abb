using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.SendMail;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Connectors.Core.Auth.Senders.Graph;

/// <summary>
/// Email through the Microsoft Graph SDK: <c>Users[mailbox].SendMail.PostAsync</c>, plain text, from the
/// configured mailbox. The SDK runs over our own HttpClient (so our Polly pipeline, not Kiota's default
/// handlers, decides retries) and against <see cref="GraphMailOptions.BaseUrl"/>. A 202 means queued, not
/// delivered. At most <see cref="GraphMailOptions.MaxConcurrentSends"/> sends are in flight, as Outlook
/// throttles a mailbox past four concurrent requests.
/// </summary>
public sealed class GraphEmailSender : IEmailSender, IDisposable
{
    public const string HttpClientName = "mail-graph";
    public const string AuthenticationKey = "graph-mail";

    private readonly IHttpClientFactory _httpClients;
    private readonly IAuthenticationProvider _authentication;
    private readonly GraphMailOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrencyLimiter _mailboxSlots;

    public GraphEmailSender(
        IHttpClientFactory httpClients,
        [FromKeyedServices(AuthenticationKey)] IAuthenticationProvider authentication,
        IOptions<GraphMailOptions> options,
        ILogger<GraphEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClients = httpClients;
        _authentication = authentication;
        _options = options.Value;
        _logger = logger;
        _mailboxSlots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrentSends,
            QueueLimit = _options.MaxQueuedSends,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public string Provider => "graph";

    public async Task<SendResult> SendAsync(OutboundEmail message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var slot = await _mailboxSlots.AcquireAsync(1, cancellationToken);
        if (!slot.IsAcquired)
        {
            return SendResult.Failed("throttled");
        }

        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = message.Subject,
                Body = message.Html is null ? new ItemBody { ContentType = BodyType.Text, Content = message.Text } : new ItemBody { ContentType = BodyType.Html, Content = message.Html },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = message.To } }],
            },
            SaveToSentItems = _options.SaveToSentItems,
        };

        try
        {
            using var graph = new GraphServiceClient(_httpClients.CreateClient(HttpClientName), _authentication, _options.BaseUrl.ToString().TrimEnd('/'));
            await graph.Users[_options.SenderMailbox].SendMail.PostAsync(body, cancellationToken: cancellationToken);
            return SendResult.Sent(null);
        }
        catch (ODataError ex)
        {
            _logger.LogWarning("Graph refused an email: HTTP {Status}, error {GraphCode}", ex.ResponseStatusCode, ex.Error?.Code);
            return Classify(ex.ResponseStatusCode, ex.Error?.Code);
        }
        catch (ApiException ex)
        {
            _logger.LogWarning("Graph refused an email: HTTP {Status}", ex.ResponseStatusCode);
            return Classify(ex.ResponseStatusCode, null);
        }
        catch (GraphTokenException ex)
        {
            _logger.LogWarning("Graph email not sent: no token (HTTP {Status}, {TokenError})", ex.Status, ex.ErrorCode);
            return ex.Status is 0 or >= 500 ? SendResult.Failed("token-unavailable") : SendResult.Failed("auth");
        }
        catch (Exception ex) when (SendFailures.IsSendFailure(ex))
        {
            var result = SendFailures.Classify(ex);
            _logger.LogWarning("Graph email send ended without an answer: {Reason}", result.Reason);
            return result;
        }
    }

    public void Dispose() => _mailboxSlots.Dispose();

    internal static SendResult Classify(int status, string? code) => (status, code) switch
    {
        (400, "ErrorInvalidRecipients") => SendResult.Failed("invalid-destination", destinationRejected: true),
        ((int)HttpStatusCode.TooManyRequests, _) => SendResult.Failed("throttled"),
        ((int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden, _) => SendResult.Failed("auth"),
        // sendMail has no idempotency: after a 5xx the message may be queued.
        (>= 500, _) => SendResult.Unknown("server-error"),
        _ => SendResult.Failed("rejected-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };
}
