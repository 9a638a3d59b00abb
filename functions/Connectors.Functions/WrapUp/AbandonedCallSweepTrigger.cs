using Connectors.Core.WrapUp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Connectors.Functions.WrapUp;

/// <summary>Azure's schedule for Core's <see cref="AbandonedCallSweeper"/>: every minute (LocalHost uses a background service).</summary>
public sealed class AbandonedCallSweepTrigger(AbandonedCallSweeper sweeper)
{
    [Function(nameof(SweepAbandonedCalls))]
    public Task<int> SweepAbandonedCalls(
        [TimerTrigger("0 */1 * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        sweeper.SweepAsync(client, cancellationToken);
}
