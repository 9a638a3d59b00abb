using Connectors.Core.Hosting;
using Connectors.Core.WrapUp;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;

namespace Connectors.LocalHost.Durable;

public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>
    /// The Durable Task engine (sidecar over DTFx Azure Storage), the worker running Core's wrap-up tasks, the
    /// client Core's handlers take, the purge of old instances and the abandoned-call sweeper.
    /// </summary>
    public static IServiceCollection AddLocalDurableEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DurableEngineOptions>().Bind(configuration.GetSection(DurableEngineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DurableTaskSidecarChannel>();

        // First: the engine is up before the worker connects, and stops after it.
        services.AddSingleton<DurableTaskEngineService>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskEngineService>());

        services.AddDurableTaskWorker(builder =>
        {
            builder.AddTasks(registry => registry.AddWrapUpTasks());
            builder.UseGrpc();
        });
        services.AddOptions<GrpcDurableTaskWorkerOptions>(Microsoft.Extensions.Options.Options.DefaultName)
            .Configure<DurableTaskSidecarChannel>((o, sidecar) => o.Channel = sidecar.Channel);
        services.AddDurableTaskClient(builder => builder.UseGrpc());
        services.AddOptions<GrpcDurableTaskClientOptions>(Microsoft.Extensions.Options.Options.DefaultName)
            .Configure<DurableTaskSidecarChannel>((o, sidecar) => o.Channel = sidecar.Channel);

        // After the worker: stops before it, so the work the worker holds completes while its channel is open.
        services.AddHostedService<DurableTaskDrainService>();
        services.AddPeriodicJob<CompletedWrapUpPurgeJob>();
        services.AddPeriodicJob<AbandonedCallSweepJob>();
        return services;
    }
}
