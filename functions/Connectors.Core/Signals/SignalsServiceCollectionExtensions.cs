using Connectors.Core.Signals.Digest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Signals;

public static class SignalsServiceCollectionExtensions
{
    /// <summary>The contract signals: options, the ended-call index the wrap-up writes, the readers.</summary>
    public static IServiceCollection AddContractSignals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SignalOptions>().Bind(configuration.GetSection(SignalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EndedCallIndex>();
        services.TryAddSingleton<AgentFeedbackReader>();
        services.TryAddSingleton<SignalFactsReader>();
        services.AddDailyDigest(configuration);
        return services;
    }
}
