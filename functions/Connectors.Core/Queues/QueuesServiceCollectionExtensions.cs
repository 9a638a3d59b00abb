using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Queues;

public static class QueuesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dispatcher that routes delivered work items to their handler. Transient, so it can be
    /// resolved from a per-message scope or from the root whatever lifetime the handlers have.
    /// </summary>
    public static IServiceCollection AddWorkItemDispatch(this IServiceCollection services)
    {
        services.TryAddTransient<WorkItemDispatcher>();
        return services;
    }
}
