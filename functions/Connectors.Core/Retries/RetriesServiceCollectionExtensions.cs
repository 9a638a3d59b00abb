using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Retries;

public static class RetriesServiceCollectionExtensions
{
    /// <summary>The replay tables, the replayer and their sweep; called by every capability that answers retries (idempotent).</summary>
    public static IServiceCollection AddRequestReplays(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(RequestReplayStores)))
        {
            return services;
        }

        services.AddOptions<RequestReplayOptions>().Bind(configuration.GetSection(RequestReplayOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RequestReplayStores>();
        services.TryAddSingleton<FirstAnswerReplayer>();
        services.TryAddSingleton<RequestReplaySweepJob>();
        return services;
    }
}
