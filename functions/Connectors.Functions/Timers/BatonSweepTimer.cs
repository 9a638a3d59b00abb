using Connectors.Core.Baton;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Timers;

/// <summary>Azure's schedule for Core's <see cref="BatonSweeper"/>: every five minutes (LocalHost runs it as a background service).</summary>
public sealed class BatonSweepTimer(BatonSweeper sweeper)
{
    [Function(nameof(SweepBatons))]
    public Task SweepBatons([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
