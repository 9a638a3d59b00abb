using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Http;

/// <summary>The health endpoint's route: anonymous, for probes and load balancers.</summary>
public static class HealthRoutes
{
    public const string Health = "health";

    public static EndpointRoute HealthCheck { get; } = new("Health", HttpMethods.Get, Health, EndpointAccess.Anonymous);

    public static IReadOnlyList<EndpointRoute> All { get; } = [HealthCheck];
}
