using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Calls;

public static class CallsServiceCollectionExtensions
{
    public static IServiceCollection AddCallSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ICallSessionStore, CallSessionStore>();
        return services;
    }
}
