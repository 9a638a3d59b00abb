using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Replay;

/// <summary>
/// Writes the <see cref="CallRequestJournal"/> every <see cref="ReplayOptions.JournalFlushInterval"/>, in every instance
/// of either host (what is pending lives in that instance's memory, so this is a hosted service, not a timer trigger),
/// and once more when the host stops.
/// </summary>
public sealed partial class CallRequestJournalFlusher : BackgroundService
{
    private readonly CallRequestJournal _journal;
    private readonly IOptions<ReplayOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CallRequestJournalFlusher(CallRequestJournal journal, IOptions<ReplayOptions> options, TimeProvider time, ILogger<CallRequestJournalFlusher> logger)
    {
        _journal = journal;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _journal.FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.JournalFlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await _journal.FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFlushFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; StopAsync flushes what is left.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The request journal's flush failed; the next interval tries again")]
    private partial void LogFlushFailed(Exception exception);
}
