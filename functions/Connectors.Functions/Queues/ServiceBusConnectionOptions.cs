using System.ComponentModel.DataAnnotations;

namespace Connectors.Functions.Queues;

/// <summary>
/// The identity-based Service Bus connection. The triggers read it through <c>Connection = "ServiceBusConnection"</c>
/// and the sender reads the same settings, so both ends use one namespace and one identity.
/// </summary>
public sealed class ServiceBusConnectionOptions
{
    public const string SectionName = "ServiceBusConnection";

    /// <summary>Namespace host name, e.g. <c>sb-connectors-prod-abc123.servicebus.windows.net</c>. Required; no default.</summary>
    [Required]
    public string FullyQualifiedNamespace { get; set; } = string.Empty;

    /// <summary>Client id of the user-assigned managed identity; empty uses the developer's own sign-in. Default: empty.</summary>
    public string? ClientId { get; set; }
}
