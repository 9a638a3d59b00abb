using Connectors.Core.Channels.AmazonConnect;
using Connectors.Core.Channels.Twilio;
using Connectors.Core.Channels.Webhooks;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Channels;

/// <summary>
/// The platforms' own shapes, under <c>/api/channels</c>. Twilio and the generic webhook carry their own signatures, so
/// they are anonymous to the host (<see cref="Http.EndpointAccess.Anonymous"/>); Connect comes
/// through its Lambda with the function key, like every other endpoint.
/// </summary>
public static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(ChannelRoutes.AmazonConnectEvent, AmazonConnectEndpoint.HandleAsync);
        endpoints.Map(ChannelRoutes.TwilioWebhook, TwilioChannelEndpoint.HandleAsync);
        endpoints.Map(ChannelRoutes.SignedWebhook, WebhookChannelEndpoint.HandleAsync);
        return endpoints;
    }
}
