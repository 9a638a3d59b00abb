using Connectors.Core.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.Core.WrapUp;

/// <summary>
/// <see cref="AbandonedCallSweeper"/> every <see cref="WrapUpOptions.SweepInterval"/>, on the host's Durable Task client
/// (Azure: the SweepAbandonedCalls timer trigger with its bound client). Only how it is scheduled lives here.
/// </summary>
public sealed class AbandonedCallSweepJob(AbandonedCallSweeper sweeper, DurableTaskClient client, IOptions<WrapUpOptions> options) : IPeriodicJob
{
    public string Name => "abandoned-call-sweep";

    public TimeSpan Interval => options.Value.SweepInterval;

    public Task RunAsync(CancellationToken cancellationToken) => sweeper.SweepAsync(client, cancellationToken);
}
