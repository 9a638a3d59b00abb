using Connectors.Core.Retries;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Timers;

/// <summary>Azure's schedule for Core's <see cref="RequestReplaySweepJob"/>: every five minutes (LocalHost hosts it as a periodic job).</summary>
public sealed class RequestReplaySweepTimer(RequestReplaySweepJob job)
{
    [Function(nameof(SweepRequestReplays))]
    public Task SweepRequestReplays([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        job.RunAsync(cancellationToken);
}
