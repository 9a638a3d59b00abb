using Connectors.Core.Signals.Digest;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Connectors.Functions.Signals;

/// <summary>Azure's schedule for Core's <see cref="DailyDigestJob"/>: yesterday's digest at 07:00 UTC (LocalHost runs it in a loop).</summary>
public sealed class DailyDigestTimer(DailyDigestJob job)
{
    [Function(nameof(SendDailyDigest))]
    public Task SendDailyDigest([TimerTrigger("0 0 7 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        job.RunDueAsync(client, cancellationToken);
}
