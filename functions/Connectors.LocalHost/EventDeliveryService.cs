using Connectors.Core.Events;
using Microsoft.Extensions.Options;

namespace Connectors.LocalHost;

/// <summary>LocalHost's schedule for Core's <see cref="EventDeliveryJob"/> (the Functions app runs it on a timer trigger); a thin loop until the generic periodic job host takes it.</summary>
public sealed class EventDeliveryService : BackgroundService
{
    private readonly EventDeliveryJob _job;
    private readonly IOptions<EventOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EventDeliveryService> _logger;

    public EventDeliveryService(EventDeliveryJob job, IOptions<EventOptions> options, TimeProvider time, ILogger<EventDeliveryService> logger)
    {
        _job = job;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.PollInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await _job.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The outbox keeps every event; the next tick delivers what this one could not.
                _logger.LogWarning(ex, "Event delivery round failed; retrying at the next interval");
            }
        }
    }
}
