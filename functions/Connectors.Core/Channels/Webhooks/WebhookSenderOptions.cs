namespace Connectors.Core.Channels.Webhooks;

/// <summary>One platform allowed to call the generic webhook (Genesys, Five9, an in-house IVR).</summary>
public sealed class WebhookSenderOptions
{
    /// <summary>The shared HMAC-SHA256 secret (at least 32 characters; Key Vault in Azure). Default: none (required).</summary>
    public string Secret { get; set; } = string.Empty;
}
