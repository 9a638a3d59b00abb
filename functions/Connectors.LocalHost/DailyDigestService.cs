using Connectors.Core.Signals.Digest;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.LocalHost;

/// <summary>LocalHost's schedule for Core's <see cref="DailyDigestJob"/> (Azure: a timer at 07:00 UTC); a thin loop until the generic periodic job host takes it. The job is idempotent per day, so checking often sends once.</summary>
public sealed class DailyDigestService : BackgroundService
{
    private readonly DailyDigestJob _job;
    private readonly DurableTaskClient _client;
    private readonly IOptions<DailyDigestOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DailyDigestService> _logger;

    public DailyDigestService(DailyDigestJob job, DurableTaskClient client, IOptions<DailyDigestOptions> options, TimeProvider time, ILogger<DailyDigestService> logger)
    {
        _job = job;
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.CheckInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await _job.RunDueAsync(_client, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The day's record says what was sent; the next check sends the rest.
                _logger.LogWarning(ex, "Daily digest run failed; retrying at the next check");
            }
        }
    }
}
