using System.Diagnostics;

namespace Connectors.Tests;

/// <summary>
/// The one way a test waits for background work: poll a condition until it holds or a deadline passes.
/// The deadline is a bound on a loaded machine, not a latency target (those live in scripts/bench.sh).
/// </summary>
public static class Wait
{
    /// <summary>Longest a test waits for background work unless it says otherwise.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test with <paramref name="what"/> if it does not within the deadline.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), what, deadline);
    }

    /// <summary>As <see cref="UntilAsync(Func{bool}, string, TimeSpan?)"/>, for a condition that has to ask (a store, an endpoint).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await ForAsync(async () => await condition(), done => done, what, deadline);
    }

    /// <summary>Asks <paramref name="probe"/> until what it returns satisfies <paramref name="done"/>, and returns that value.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var limit = deadline ?? DefaultDeadline;
        var (held, value) = await PollAsync(probe, done, limit, PollInterval);
        return held ? value : throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}; it did not happen.");
    }

    /// <summary>
    /// A bounded wait that moves on either way (the bench's settles): polls <paramref name="condition"/> every
    /// <paramref name="interval"/> until it holds or <paramref name="deadline"/> passes, and says whether it held.
    /// </summary>
    public static async Task<bool> WithinAsync(Func<Task<bool>> condition, TimeSpan deadline, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return (await PollAsync(condition, done => done, deadline, interval ?? PollInterval)).Held;
    }

    private static async Task<(bool Held, T Value)> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan limit, TimeSpan interval)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return (true, value);
            }

            if (waited.Elapsed > limit)
            {
                return (false, value);
            }

            await Task.Delay(interval);
        }
    }
}
