using Connectors.Core.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.WrapUp;

/// <summary>
/// LocalHost's purge of completed wrap-ups older than <see cref="DurableEngineOptions.PurgeCompletedAfter"/>, every
/// <see cref="DurableEngineOptions.PurgeInterval"/> (Azurite's table queries are full scans; Azure purges by its own policy).
/// </summary>
public sealed partial class CompletedWrapUpPurgeJob : IPeriodicJob
{
    private readonly DurableTaskClient _client;
    private readonly IOptions<DurableEngineOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CompletedWrapUpPurgeJob(DurableTaskClient client, IOptions<DurableEngineOptions> options, TimeProvider time, ILogger<CompletedWrapUpPurgeJob> logger)
    {
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Name => "completed-wrap-up-purge";

    public TimeSpan Interval => _options.Value.PurgeInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = _time.GetUtcNow() - _options.Value.PurgeCompletedAfter;
        var filter = new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.MinValue, CreatedTo: before, Statuses: [OrchestrationRuntimeStatus.Completed]);
        var purged = await _client.PurgeAllInstancesAsync(filter, cancellationToken);
        LogPurged(purged.PurgedInstanceCount);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} completed wrap-ups")]
    private partial void LogPurged(int count);
}
