using Connectors.Core.Auth.Senders;
using Connectors.Core.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>Outbound call events: options, the outbox, the emitter the facts call, the delivery round and its HTTP client (the shared resilience pipeline).</summary>
    public static IServiceCollection AddOutboundEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EventOutbox>();
        services.TryAddSingleton<CallEventEmitter>();
        services.TryAddSingleton<EventDeliveryJob>();

        // Deliveries carry an event id the receiver dedupes on, so a retry of an unknown outcome is safe.
        services.TryAddKeyedSingleton(EventDeliveryJob.HttpClientName, (sp, _) =>
            new SenderResiliencePipeline(EventDeliveryJob.HttpClientName, sp.GetRequiredService<IOptions<EventOptions>>().Value.Resilience, SenderRetrySafety.Repeatable, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(EventDeliveryJob.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddLogger(sp => ActivatorUtilities.GetServiceOrCreateInstance<RedactedHttpClientLogger>(sp))
            .AddHttpMessageHandler(sp => new SenderResilienceHandler(sp.GetRequiredKeyedService<SenderResiliencePipeline>(EventDeliveryJob.HttpClientName)));
        return services;
    }
}
