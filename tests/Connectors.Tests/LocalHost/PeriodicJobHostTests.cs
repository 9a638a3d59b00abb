using Connectors.Core.Hosting;
using Connectors.LocalHost;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.LocalHost;

public sealed class PeriodicJobHostTests
{
    [Fact]
    public async Task Every_job_runs_on_its_own_interval_and_a_failed_run_does_not_stop_the_next()
    {
        var clock = new FakeTimeProvider();
        var fast = new CountingJob("fast", TimeSpan.FromMinutes(1), failFirst: true);
        var slow = new CountingJob("slow", TimeSpan.FromMinutes(5), failFirst: false);
        using var host = new PeriodicJobHost([fast, slow], clock, NullLogger<PeriodicJobHost>.Instance);
        await host.StartAsync(CancellationToken.None);

        // The host starts its timers on its own thread, so the clock moves a minute at a time until enough has run.
        var minutes = 0;
        await Wait.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            minutes++;
            return fast.Runs >= 6 && slow.Runs >= 1;
        }, "six runs of the one-minute job (the first failing) and one of the five-minute job");
        await host.StopAsync(CancellationToken.None);

        Assert.InRange(fast.Runs, 6, minutes);
        Assert.InRange(slow.Runs, 1, (minutes / 5) + 1);
    }

    private sealed class CountingJob(string name, TimeSpan interval, bool failFirst) : IPeriodicJob
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public string Name => name;

        public TimeSpan Interval => interval;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            return failFirst && run == 1 ? throw new InvalidOperationException("the first run fails") : Task.CompletedTask;
        }
    }
}
