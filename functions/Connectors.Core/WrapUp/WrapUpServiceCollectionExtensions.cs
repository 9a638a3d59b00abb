using Connectors.Core.Calls;
using Connectors.Core.Hosting;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Core.WrapUp;

public static class WrapUpServiceCollectionExtensions
{
    /// <summary>The wrap-up's options, stores, drafter, starter and sweeper. Each host adds the engine (a worker and a client) itself.</summary>
    public static IServiceCollection AddWrapUp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WrapUpOptions>().Bind(configuration.GetSection(WrapUpOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddCallSessions(configuration);
        services.TryAddSingleton<WrapUpMetrics>();
        services.TryAddSingleton<ParkedWrapUpStore>();
        services.TryAddSingleton<WrapUpDispositionStore>();
        services.TryAddSingleton<WrapUpResumeClaims>();
        services.TryAddSingleton<OpenCallIndex>();
        services.TryAddSingleton<CallFactsLoader>();
        services.TryAddSingleton<WrapUpJournal>();
        services.TryAddSingleton<DispositionDrafter>();
        services.TryAddSingleton<WrapUpStarter>();
        services.TryAddSingleton<CallEnder>();
        services.TryAddSingleton<AbandonedCallSweeper>();

        // The activities, for hosts that call them from their own triggers (the Functions app); the Durable Task worker builds its own.
        services.TryAddTransient<LoadCallActivity>();
        services.TryAddTransient<DraftDispositionActivity>();
        services.TryAddTransient<UpsertDispositionActivity>();
        services.TryAddTransient<AttachTranscriptActivity>();
        services.TryAddTransient<MarkRecordedActivity>();
        services.TryAddTransient<ParkWrapUpActivity>();
        return services;
    }

    /// <summary>The orchestrator and its activities, for a host's Durable Task worker.</summary>
    public static DurableTaskRegistry AddWrapUpTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<WrapUpOrchestrator>();
        registry.AddActivity<LoadCallActivity>();
        registry.AddActivity<DraftDispositionActivity>();
        registry.AddActivity<UpsertDispositionActivity>();
        registry.AddActivity<AttachTranscriptActivity>();
        registry.AddActivity<MarkRecordedActivity>();
        registry.AddActivity<ParkWrapUpActivity>();
        return registry;
    }
}
