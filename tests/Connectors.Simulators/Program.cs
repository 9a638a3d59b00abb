using System.Runtime.InteropServices;
using Connectors.Simulators.Hosting;

// Runs every simulator as one process for scripts/run-local.sh. Prints one line per simulator:
// "<name> <base address>", then waits for Ctrl-C or SIGTERM.
var servers = await SimulatorCatalog.StartAllAsync(args, CancellationToken.None);
foreach (var (name, server) in servers)
{
    Console.WriteLine($"{name} {server.BaseAddress}");
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
