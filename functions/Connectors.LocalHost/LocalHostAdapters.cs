using Connectors.Core.Baton;
using Connectors.Core.Events;
using Connectors.Core.Hosting;
using Connectors.Core.Queues;
using Connectors.Core.Retries;
using Connectors.Core.Signals.Digest;
using Connectors.LocalHost.Durable;
using Connectors.LocalHost.Queues;

namespace Connectors.LocalHost;

/// <summary>The ports LocalHost adapts differently from the Functions app (work queue, the Durable Task engine, schedules).</summary>
public static class LocalHostAdapters
{
    public static IServiceCollection AddLocalHostAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddInProcessWorkQueue(configuration);
        services.AddLocalDurableEngine(configuration);
        services.AddPeriodicJob<BatonSweepJob>();
        services.AddPeriodicJob<RequestReplaySweepJob>();
        services.AddPeriodicJob<EventDeliverySchedule>();
        services.AddPeriodicJob<DailyDigestSchedule>();
        return services;
    }

    /// <summary>Azure's function-key check, here: the key every endpoint not marked anonymous needs.</summary>
    public static IServiceCollection AddLocalHostApiKey(this IServiceCollection services, IConfiguration configuration)
    {
        // Made once per host, so every options instance (IOptions, IOptionsMonitor) holds the same key.
        var madeUp = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        services.AddOptions<LocalHostApiKeyOptions>().Bind(configuration.GetSection(LocalHostApiKeyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(options =>
            {
                if (string.IsNullOrEmpty(options.ApiKey))
                {
                    options.ApiKey = madeUp;
                }
            });
        return services;
    }
}
