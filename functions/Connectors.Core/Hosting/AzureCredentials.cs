using Azure.Core;
using Azure.Identity;

namespace Connectors.Core.Hosting;

/// <summary>
/// The credential a connection uses to reach Azure data planes (tables, Service Bus, telemetry ingestion).
/// In Azure each connection names the user-assigned identity's client id; on a developer machine it names
/// none and the developer's own sign-in is used.
/// </summary>
public static class AzureCredentials
{
    public static TokenCredential ForManagedIdentity(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
