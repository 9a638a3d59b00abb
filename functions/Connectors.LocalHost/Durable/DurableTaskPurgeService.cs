using Connectors.Core.WrapUp;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.LocalHost.Durable;

/// <summary>Purges completed wrap-ups older than <see cref="DurableEngineOptions.PurgeCompletedAfter"/> (Azurite's table queries are full scans).</summary>
public sealed partial class DurableTaskPurgeService : BackgroundService
{
    private readonly DurableTaskClient _client;
    private readonly IOptions<DurableEngineOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DurableTaskPurgeService(DurableTaskClient client, IOptions<DurableEngineOptions> options, TimeProvider time, ILogger<DurableTaskPurgeService> logger)
    {
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.PurgeInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var before = _time.GetUtcNow() - _options.Value.PurgeCompletedAfter;
                var filter = new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.MinValue, CreatedTo: before, Statuses: [OrchestrationRuntimeStatus.Completed]);
                var purged = await _client.PurgeAllInstancesAsync(filter, stoppingToken);
                LogPurged(purged.PurgedInstanceCount);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} completed wrap-ups")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging completed wrap-ups failed; the next run tries again")]
    private partial void LogPurgeFailed(Exception exception);
}
