using System.Collections.Concurrent;

namespace Connectors.Core.Calls;

/// <summary>
/// Wakes reads waiting on a call's fetch when this process finishes it, instead of letting them poll
/// out their interval. A wake-up only says "look again": the session store stays the truth, and
/// reads still poll, since the fetch may run on another instance.
/// </summary>
public sealed class CallSessionSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>
    /// A task that completes at the next <see cref="Notify"/> for the call. Take it BEFORE reading the
    /// session, so a change made between the read and the wait is not missed.
    /// </summary>
    public Task NextChange(string callId) =>
        _waiters.GetOrAdd(callId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string callId)
    {
        if (_waiters.TryRemove(callId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Drops the call's wake-up when nobody needs it any more (the waiter gave up), so idle calls hold no memory.</summary>
    public void Forget(string callId, Task change)
    {
        // Another waiter may share the wake-up; it loses only the shortcut, as it polls as well.
        if (_waiters.TryGetValue(callId, out var waiter) && waiter.Task == change)
        {
            _waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource>(callId, waiter));
        }
    }
}
