using Connectors.Core.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Signals.Digest;

/// <summary>
/// <see cref="DailyDigestJob"/> checked every <see cref="DailyDigestOptions.CheckInterval"/> on LocalHost's periodic job
/// host (Azure: a timer at 07:00 UTC). The job is idempotent per day, so checking often sends once.
/// </summary>
public sealed class DailyDigestSchedule(DailyDigestJob job, DurableTaskClient client, IOptions<DailyDigestOptions> options) : IPeriodicJob
{
    public string Name => "daily-digest";

    public TimeSpan Interval => options.Value.CheckInterval;

    public Task RunAsync(CancellationToken cancellationToken) => job.RunDueAsync(client, cancellationToken);
}
