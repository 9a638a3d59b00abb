namespace Connectors.Core.Channels;

/// <summary>The platform names a call session records (see <c>CallSessionOpener.Platforms</c>).</summary>
public static class ChannelPlatforms
{
    public const string AmazonConnect = "amazon-connect";
    public const string Twilio = "twilio";
    public const string Webhook = "webhook";
}
