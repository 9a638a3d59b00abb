using Connectors.Core.Calls;
using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Baton;

public static class BatonServiceCollectionExtensions
{
    /// <summary>The warm-transfer baton: stores, redaction on write, transfer and answer, the agent view, the sweeper.</summary>
    public static IServiceCollection AddWarmTransferBaton(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BatonOptions>().Bind(configuration.GetSection(BatonOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddCallSessions(configuration);
        services.TryAddSingleton<BatonStore>();
        services.TryAddSingleton<BatonSealStore>();
        services.TryAddSingleton<BatonExpiryIndex>();
        services.TryAddSingleton<BatonMetrics>();
        services.TryAddSingleton<BatonViewBuilder>();
        services.TryAddSingleton<BatonWriter>();
        services.TryAddSingleton<BatonTransferService>();
        services.TryAddSingleton<BatonAnswerService>();
        services.TryAddSingleton<BatonLookupLimiter>();
        services.TryAddSingleton<BatonViewReader>();
        services.TryAddSingleton<BatonFeedbackStore>();
        services.TryAddSingleton<BatonFeedbackRecorder>();
        services.TryAddSingleton<BatonSweeper>();
        services.TryAddSingleton<BatonCloser>();
        return services;
    }
}
