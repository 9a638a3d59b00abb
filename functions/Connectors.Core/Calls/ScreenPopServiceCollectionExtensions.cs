using Connectors.Core.Auth.Policy;
using Connectors.Core.Hosting;
using Connectors.Core.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Calls;

public static class ScreenPopServiceCollectionExtensions
{
    /// <summary>
    /// The screen-pop: call sessions, the prefetch handler of the "prefetch" queue, the gated read
    /// and its policy. Needs an <see cref="IWorkQueue"/> (the host's adapter), an
    /// <see cref="Crm.ICrmConnector"/> (the deployment's CRM) and Table Storage (<see cref="Storage.TableStorageServiceCollectionExtensions.AddTableStorage"/>).
    /// </summary>
    public static IServiceCollection AddScreenPop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCallSessions(configuration);
        services.AddAccountPolicy(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ScreenPopMetrics>();
        services.TryAddSingleton<AccountFetchScheduler>();
        services.TryAddSingleton<CallSessionOpener>();
        services.TryAddSingleton<AccountSelector>();
        services.TryAddSingleton<AccountReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkItemHandler, AccountPrefetchHandler>());
        return services;
    }
}
