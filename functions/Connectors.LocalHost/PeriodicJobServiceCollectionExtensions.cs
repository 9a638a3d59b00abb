using Connectors.Core.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.LocalHost;

public static class PeriodicJobServiceCollectionExtensions
{
    /// <summary>Runs <typeparamref name="TJob"/> on LocalHost's one <see cref="PeriodicJobHost"/>; adding a job twice runs it once.</summary>
    public static IServiceCollection AddPeriodicJob<TJob>(this IServiceCollection services)
        where TJob : class, IPeriodicJob
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPeriodicJob, TJob>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PeriodicJobHost>());
        return services;
    }
}
