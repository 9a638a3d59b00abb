using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Replay;

public static class ReplayServiceCollectionExtensions
{
    /// <summary>The request journal every call writes to, its flush in every host instance, and the JSON API's recorder over it.</summary>
    public static IServiceCollection AddCallReplay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReplayOptions>().Bind(configuration.GetSection(ReplayOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<CallRequestJournal>();
        services.AddHostedService<CallRequestJournalFlusher>();
        services.TryAddSingleton<ApiRequestRecorder>();
        return services;
    }
}
