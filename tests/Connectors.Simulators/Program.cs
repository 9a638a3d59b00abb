using System.Runtime.InteropServices;
using Connectors.Simulators.Hosting;

// Runs every simulator as one process for scripts/run-local.sh. Prints one line per simulator,
// "<name> <base address>", then one per setting that points a connector at it, "setting Section__Key=value"
// (SimulatorSettings, the map the tests use too), then waits for Ctrl-C or SIGTERM.
var servers = await SimulatorCatalog.StartAllAsync(args, CancellationToken.None);
foreach (var (name, server) in servers)
{
    Console.WriteLine($"{name} {server.BaseAddress}");
}

foreach (var (name, server) in servers)
{
    foreach (var setting in SimulatorSettings.For(name, server.BaseAddress))
    {
        Console.WriteLine($"setting {SimulatorSettings.AsEnvironmentVariable(setting)}");
    }
}

Console.WriteLine("simulators ready");
var stop = new TaskCompletionSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.TrySetResult(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.TrySetResult(); });
await stop.Task;
foreach (var (_, server) in servers)
{
    await server.DisposeAsync();
}
