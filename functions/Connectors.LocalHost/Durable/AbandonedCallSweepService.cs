using Connectors.Core.WrapUp;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.LocalHost.Durable;

/// <summary>LocalHost's schedule for Core's <see cref="AbandonedCallSweeper"/> (the Functions app uses a timer trigger).</summary>
public sealed partial class AbandonedCallSweepService : BackgroundService
{
    private readonly AbandonedCallSweeper _sweeper;
    private readonly DurableTaskClient _client;
    private readonly IOptions<WrapUpOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AbandonedCallSweepService(AbandonedCallSweeper sweeper, DurableTaskClient client, IOptions<WrapUpOptions> options, TimeProvider time, ILogger<AbandonedCallSweepService> logger)
    {
        _sweeper = sweeper;
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.SweepInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await _sweeper.SweepAsync(_client, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The abandoned-call sweep failed; the next one tries again")]
    private partial void LogSweepFailed(Exception exception);
}
