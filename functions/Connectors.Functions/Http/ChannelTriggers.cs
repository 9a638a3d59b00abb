using Connectors.Core.Channels;
using Connectors.Core.Channels.AmazonConnect;
using Connectors.Core.Channels.Twilio;
using Connectors.Core.Channels.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Functions.Http;

/// <summary>
/// The inbound platform adapters (Core's <see cref="ChannelEndpoints"/>). Twilio and the webhook carry their own
/// signatures, checked by Core, so they are anonymous to the host; Connect's Lambda sends the function key.
/// </summary>
public sealed class ChannelTriggers(
    ChannelActionDispatcher dispatcher,
    IOptionsMonitor<TwilioChannelOptions> twilio,
    IOptionsMonitor<WebhookChannelOptions> webhooks,
    WebhookReplayStore replays,
    TimeProvider time,
    ILoggerFactory loggers)
{
    [Function(nameof(AmazonConnectEvent))]
    public Task<IResult> AmazonConnectEvent(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ChannelRoutes.AmazonConnect)] HttpRequest request,
        CancellationToken cancellationToken) =>
        AmazonConnectEndpoint.HandleAsync(request, dispatcher, cancellationToken);

    [Function(nameof(TwilioWebhook))]
    public Task<IResult> TwilioWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChannelRoutes.Twilio)] HttpRequest request,
        string action,
        CancellationToken cancellationToken) =>
        TwilioChannelEndpoint.HandleAsync(action, request, twilio, dispatcher, loggers, cancellationToken);

    [Function(nameof(SignedWebhook))]
    public Task<IResult> SignedWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChannelRoutes.Webhook)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WebhookChannelEndpoint.HandleAsync(request, webhooks, replays, dispatcher, time, loggers, cancellationToken);
}
