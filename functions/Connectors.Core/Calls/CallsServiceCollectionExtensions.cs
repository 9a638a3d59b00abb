using Connectors.Core.Auth;
using Connectors.Core.Auth.Limits;
using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Calls;

public static class CallsServiceCollectionExtensions
{
    /// <summary>
    /// The call session and what every capability that reads it needs: the store, the options (turn budget),
    /// and the bounded wait for a running account fetch. Safe to call from each capability's registration.
    /// </summary>
    public static IServiceCollection AddCallSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CallsOptions>().Bind(configuration.GetSection(CallsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICallSessionStore, CallSessionStore>();
        services.TryAddSingleton<CallSessionSignals>();
        services.TryAddSingleton<CallAttemptLock>();
        services.TryAddSingleton<AccountFetchWaiter>();
        services.TryAddSingleton<CallActivity>();

        // The session keeps knowledge answers only as hashes under the step-up key, and selections are counted like attempts.
        services.AddOptions<StepUpOptions>().Bind(configuration.GetSection(StepUpOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<StepUpKeyring>();
        services.TryAddSingleton<WindowedAttemptCounter>();
        services.TryAddSingleton<Auth.Knowledge.KnowledgeAnswerSealer>();
        return services;
    }
}
