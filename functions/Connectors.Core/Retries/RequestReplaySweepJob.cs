using Connectors.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Retries;

/// <summary>Deletes expired first answers from every replay table (Table Storage keeps rows forever otherwise).</summary>
public sealed partial class RequestReplaySweepJob : IPeriodicJob
{
    private readonly RequestReplayStores _stores;
    private readonly IOptions<RequestReplayOptions> _options;
    private readonly ILogger _logger;

    public RequestReplaySweepJob(RequestReplayStores stores, IOptions<RequestReplayOptions> options, ILogger<RequestReplaySweepJob> logger)
    {
        _stores = stores;
        _options = options;
        _logger = logger;
    }

    public string Name => "request-replay-sweep";

    public TimeSpan Interval => _options.Value.SweepInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var store in _stores.All)
        {
            deleted += await store.SweepAsync(cancellationToken);
        }

        if (deleted > 0)
        {
            LogSwept(deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept {Deleted} expired request replays")]
    private partial void LogSwept(int deleted);
}
