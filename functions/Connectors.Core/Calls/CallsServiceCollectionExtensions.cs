using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Core.Calls;

public static class CallsServiceCollectionExtensions
{
    public static IServiceCollection AddCallSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<ICallSessionStore, CallSessionStore>();
        return services;
    }
}
