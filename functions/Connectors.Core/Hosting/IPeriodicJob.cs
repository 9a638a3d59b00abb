namespace Connectors.Core.Hosting;

/// <summary>
/// Work that runs every <see cref="Interval"/> (a sweep, a purge). LocalHost hosts every job in one generic background
/// service; the Functions app gives each a timer trigger that calls <see cref="RunAsync"/>. A run must be safe to repeat
/// and to overlap with another host's run; a failed run is retried at the next interval.
/// </summary>
public interface IPeriodicJob
{
    /// <summary>A short name for the logs.</summary>
    string Name { get; }

    /// <summary>The time between runs, from the job's own options.</summary>
    TimeSpan Interval { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
