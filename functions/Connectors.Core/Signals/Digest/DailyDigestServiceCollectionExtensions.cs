using Connectors.Core.Auth.Senders;
using Connectors.Core.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.Signals.Digest;

public static class DailyDigestServiceCollectionExtensions
{
    /// <summary>The daily digest: options, the job, and the webhook's client on the shared resilience pipeline (no retry once a post may have landed).</summary>
    public static IServiceCollection AddDailyDigest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DailyDigestOptions>().Bind(configuration.GetSection(DailyDigestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DailyDigestJob>();
        services.TryAddKeyedSingleton(DailyDigestJob.WebhookClientName, (sp, _) =>
            new SenderResiliencePipeline(DailyDigestJob.WebhookClientName, new SenderResilienceOptions(), SenderRetrySafety.OnlyWhenNotReceived, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(DailyDigestJob.WebhookClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddLogger(sp => ActivatorUtilities.GetServiceOrCreateInstance<RedactedHttpClientLogger>(sp))
            .AddHttpMessageHandler(sp => new SenderResilienceHandler(sp.GetRequiredKeyedService<SenderResiliencePipeline>(DailyDigestJob.WebhookClientName)));
        return services;
    }
}
