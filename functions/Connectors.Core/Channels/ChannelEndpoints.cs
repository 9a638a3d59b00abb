using Connectors.Core.Channels.AmazonConnect;
using Connectors.Core.Channels.Twilio;
using Connectors.Core.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Channels;

/// <summary>
/// The platforms' own shapes, under <c>/api/channels</c>. Twilio and the generic webhook carry their own signatures, so
/// they are anonymous to the host (<c>AllowAnonymous</c>; <c>AuthorizationLevel.Anonymous</c> in Azure); Connect comes
/// through its Lambda with the function key, like every other endpoint.
/// </summary>
public static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/channels/amazon-connect", AmazonConnectEndpoint.HandleAsync).WithName("AmazonConnectEvent");
        endpoints.MapPost("/channels/twilio/{action}", TwilioChannelEndpoint.HandleAsync).WithName("TwilioWebhook").AllowAnonymous();
        endpoints.MapPost("/channels/webhook", WebhookChannelEndpoint.HandleAsync).WithName("SignedWebhook").AllowAnonymous();
        return endpoints;
    }
}
