using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Replay;

public static class ReplayServiceCollectionExtensions
{
    /// <summary>The request journal every call writes to, and the JSON API's recorder over it.</summary>
    public static IServiceCollection AddCallReplay(this IServiceCollection services)
    {
        services.TryAddSingleton<CallRequestJournal>();
        services.TryAddSingleton<ApiRequestRecorder>();
        return services;
    }
}
