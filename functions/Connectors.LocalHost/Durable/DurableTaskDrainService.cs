namespace Connectors.LocalHost.Durable;

/// <summary>
/// Registered after the Durable Task worker, so on a host's stop it runs before the worker stops and the sidecar's
/// channel is disposed: it drains the engine (<see cref="DurableTaskEngineService.DrainAsync"/>), so no work item is
/// cut off mid-flight and nothing is logged at error for a plain stop.
/// </summary>
public sealed class DurableTaskDrainService(DurableTaskEngineService engine, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => engine.DrainAsync(time, cancellationToken);
}
