namespace Connectors.LocalHost.Durable;

/// <summary>
/// Registered after the Durable Task worker, so on a host's stop it runs before the worker stops and the sidecar's
/// channel is disposed: it drains the engine (<see cref="DurableTaskEngineService.DrainAsync"/>), so no work item is
/// cut off mid-flight and nothing is logged at error for a plain stop. The drain runs on the wall clock, as the host's
/// own stop deadline does, never on the app's business clock: a test's fake clock does not move while the host stops,
/// so a drain timed on it waited out the whole stop deadline whenever a work item was in flight.
/// </summary>
public sealed class DurableTaskDrainService(DurableTaskEngineService engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => engine.DrainAsync(TimeProvider.System, cancellationToken);
}
