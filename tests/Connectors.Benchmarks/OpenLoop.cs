using System.Diagnostics;

namespace Connectors.Benchmarks;

/// <summary>
/// An open-model load driver: operation <c>i</c> is due at <c>start + i / rate</c> and starts then whatever the earlier
/// ones are doing, and its latency is counted from when it was due, not from when it got going. A slow answer therefore
/// shows in the figures instead of holding the next arrivals back (no coordinated omission). Bounded in count
/// (<c>rate × duration</c>) and in time (what has not finished <see cref="Grace"/> after the last arrival is counted late).
/// </summary>
internal static class OpenLoop
{
    /// <summary>How long the driver waits for the last operations after the last arrival.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="operation"/> (given its index, returning true when it succeeded) at <paramref name="rate"/>
    /// per second for <paramref name="duration"/>, recording each latency from its due time.
    /// </summary>
    public static async Task<OpenLoopResult> RunAsync(double rate, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var count = Math.Max(1, (int)Math.Round(rate * duration.TotalSeconds));
        var latencies = new Latencies();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var running = new List<Task>(count);
        var startedLate = 0;
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            else if (wait < TimeSpan.FromMilliseconds(-50))
            {
                // The driver itself fell behind (a starved machine): said in the result, never silently absorbed.
                startedLate++;
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                var ok = false;
                try
                {
                    ok = await operation(index);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    ok = false;
                }

                latencies.Add(clock.Elapsed - due);
                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                }
            }));
        }

        var offeredFor = clock.Elapsed;
        var all = Task.WhenAll(running);
        await Task.WhenAny(all, Task.Delay(Grace));
        var unfinished = running.Count(t => !t.IsCompleted);
        return new OpenLoopResult(rate, count, latencies, failed, unfinished, startedLate, offeredFor, clock.Elapsed);
    }
}
