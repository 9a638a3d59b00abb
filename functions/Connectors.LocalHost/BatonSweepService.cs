using Connectors.Core.Baton;
using Microsoft.Extensions.Options;

namespace Connectors.LocalHost;

/// <summary>LocalHost's schedule for Core's <see cref="BatonSweeper"/> (the Functions app runs it on a timer trigger).</summary>
public sealed class BatonSweepService : BackgroundService
{
    private readonly BatonSweeper _sweeper;
    private readonly IOptions<BatonOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BatonSweepService> _logger;

    public BatonSweepService(BatonSweeper sweeper, IOptions<BatonOptions> options, TimeProvider time, ILogger<BatonSweepService> logger)
    {
        _sweeper = sweeper;
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
                await _sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; an expired baton is already unreadable, so a late sweep exposes nothing.
                _logger.LogWarning(ex, "Baton sweep failed; retrying at the next interval");
            }
        }
    }
}
