using Connectors.Core.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Baton;

/// <summary><see cref="BatonSweeper"/> every <see cref="BatonOptions.SweepInterval"/> (Azure: the SweepBatons timer trigger).</summary>
public sealed class BatonSweepJob(BatonSweeper sweeper, IOptions<BatonOptions> options) : IPeriodicJob
{
    public string Name => "baton-sweep";

    public TimeSpan Interval => options.Value.SweepInterval;

    // An expired baton is already unreadable, so a sweep that fails and runs at the next interval exposes nothing.
    public Task RunAsync(CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);
}
