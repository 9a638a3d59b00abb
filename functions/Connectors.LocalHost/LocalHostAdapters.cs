using Connectors.Core.Queues;
using Connectors.LocalHost.Durable;

namespace Connectors.LocalHost;

/// <summary>The ports LocalHost adapts differently from the Functions app (work queue, the Durable Task engine).</summary>
public static class LocalHostAdapters
{
    public static IServiceCollection AddLocalHostAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddInProcessWorkQueue(configuration);
        services.AddLocalDurableEngine(configuration);
        return services;
    }
}
