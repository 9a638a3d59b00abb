using Connectors.LocalHost.Queues;

namespace Connectors.LocalHost;

/// <summary>The ports LocalHost adapts differently from the Functions app (work queue, workflow runner).</summary>
public static class LocalHostAdapters
{
    public static IServiceCollection AddLocalHostAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddInProcessWorkQueue(configuration);
        return services;
    }
}
