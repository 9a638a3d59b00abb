using Connectors.Core.Channels;
using Connectors.Core.Channels.AmazonConnect;
using Connectors.Core.Channels.Twilio;
using Connectors.Core.Channels.Webhooks;
using Connectors.Core.Retries;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
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
    RequestReplayStores replays,
    FirstAnswerReplayer replayer,
    TimeProvider time,
    ILoggerFactory loggers)
{
    [Function(nameof(AmazonConnectEvent))]
    public Task<IResult> AmazonConnectEvent(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ChannelRoutes.AmazonConnect)] HttpRequest request,
        [DurableClient] DurableTaskClient wrapUps,
        CancellationToken cancellationToken) =>
        AmazonConnectEndpoint.HandleAsync(request, dispatcher, wrapUps, cancellationToken);

    [Function(nameof(TwilioWebhook))]
    public Task<IResult> TwilioWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChannelRoutes.Twilio)] HttpRequest request,
        [DurableClient] DurableTaskClient wrapUps,
        string action,
        CancellationToken cancellationToken) =>
        TwilioChannelEndpoint.HandleAsync(action, request, twilio, dispatcher, replays, replayer, wrapUps, loggers, cancellationToken);

    [Function(nameof(SignedWebhook))]
    public Task<IResult> SignedWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ChannelRoutes.Webhook)] HttpRequest request,
        [DurableClient] DurableTaskClient wrapUps,
        CancellationToken cancellationToken) =>
        WebhookChannelEndpoint.HandleAsync(request, webhooks, replays, replayer, dispatcher, wrapUps, time, loggers, cancellationToken);
}
