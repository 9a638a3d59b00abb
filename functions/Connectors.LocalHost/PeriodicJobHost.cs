using Connectors.Core.Hosting;

namespace Connectors.LocalHost;

/// <summary>
/// LocalHost's one schedule: every registered <see cref="IPeriodicJob"/> on its own timer (the Functions app gives each a
/// timer trigger). A failed run is logged and the next interval tries again; a run never overlaps itself.
/// </summary>
public sealed partial class PeriodicJobHost : BackgroundService
{
    private readonly IReadOnlyList<IPeriodicJob> _jobs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PeriodicJobHost(IEnumerable<IPeriodicJob> jobs, TimeProvider time, ILogger<PeriodicJobHost> logger)
    {
        _jobs = jobs.ToList();
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(_jobs.Select(job => RunEveryAsync(job, stoppingToken)));

    private async Task RunEveryAsync(IPeriodicJob job, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(job.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await job.RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRunFailed(job.Name, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The periodic job {Job} failed; the next interval tries again")]
    private partial void LogRunFailed(string job, Exception exception);
}
