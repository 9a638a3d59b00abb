using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Channels;

/// <summary>
/// The inbound platforms' routes (<see cref="ChannelEndpoints"/>). Twilio and the webhook prove themselves with their own
/// signatures, so they are anonymous to the host; Connect's Lambda carries the function key.
/// </summary>
public static class ChannelRoutes
{
    public const string AmazonConnect = "channels/amazon-connect";
    public const string Twilio = "channels/twilio/{action}";
    public const string Webhook = "channels/webhook";

    public static EndpointRoute AmazonConnectEvent { get; } = new("AmazonConnectEvent", HttpMethods.Post, AmazonConnect, EndpointAccess.Function);
    public static EndpointRoute TwilioWebhook { get; } = new("TwilioWebhook", HttpMethods.Post, Twilio, EndpointAccess.Anonymous);
    public static EndpointRoute SignedWebhook { get; } = new("SignedWebhook", HttpMethods.Post, Webhook, EndpointAccess.Anonymous);

    public static IReadOnlyList<EndpointRoute> All { get; } = [AmazonConnectEvent, TwilioWebhook, SignedWebhook];
}
