using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Connectors.Core.Queues;

namespace Connectors.LocalHost.Queues;

public static class InProcessQueueServiceCollectionExtensions
{
    /// <summary>The work queue as an in-process channel with its dispatcher: LocalHost's adapter of <see cref="IWorkQueue"/>.</summary>
    public static IServiceCollection AddInProcessWorkQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InProcessQueueOptions>().Bind(configuration.GetSection(InProcessQueueOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InProcessWorkQueue>();
        services.AddSingleton<IWorkQueue>(sp => sp.GetRequiredService<InProcessWorkQueue>());
        services.AddHostedService<InProcessWorkDispatcher>();
        return services;
    }
}
