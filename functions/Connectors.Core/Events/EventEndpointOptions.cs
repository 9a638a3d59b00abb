using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Events;

/// <summary>One receiver of the outbound events.</summary>
public sealed class EventEndpointOptions
{
    /// <summary>Where the events are POSTed (HTTPS in production). No default.</summary>
    [Required]
    public Uri? Url { get; set; }

    /// <summary>The secret each delivery is signed under (Key Vault; at least 32 characters). No default.</summary>
    [Required]
    [MinLength(32)]
    public string Secret { get; set; } = string.Empty;
}
