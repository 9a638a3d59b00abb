using Connectors.Core.Queues;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Calls;

/// <summary>
/// Changes a session through <see cref="AccountFetchTransitions"/> and queues the fetch a change
/// asks for. The session is written first and the message derived from it, so a lost send is
/// repaired by sending again (<see cref="EnsureQueuedAsync"/>) and a repeated send collapses.
/// </summary>
public sealed class AccountFetchScheduler
{
    private readonly ICallSessionStore _sessions;
    private readonly IWorkQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AccountFetchScheduler(ICallSessionStore sessions, IWorkQueue queue, TimeProvider time, ILogger<AccountFetchScheduler> logger)
    {
        _sessions = sessions;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Applies <paramref name="change"/> (pure; null leaves the session alone) and queues the fetch
    /// when it started a new generation. Null when the call has no session.
    /// </summary>
    public async Task<CallSession?> UpdateAsync(string callId, Func<CallSession, DateTimeOffset, CallSession?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var now = _time.GetUtcNow();
        int? before = null;
        var written = await _sessions.UpdateAsync(callId, s =>
        {
            before = s.Fetch?.Generation;
            return change(s, now);
        }, cancellationToken);
        if (written?.Fetch is { Status: AccountFetchStatus.Pending } fetch && fetch.Generation != before)
        {
            await EnqueueAsync(written.CallId, fetch, cancellationToken);
        }

        return written;
    }

    /// <summary>Sends the session's pending fetch (again); the message id makes a repeat a no-op.</summary>
    public async Task EnsureQueuedAsync(CallSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Fetch is { Status: AccountFetchStatus.Pending } fetch)
        {
            await EnqueueAsync(session.CallId, fetch, cancellationToken);
        }
    }

    private async Task EnqueueAsync(string callId, AccountFetch fetch, CancellationToken cancellationToken)
    {
        await _queue.EnqueueAsync(new AccountFetchMessage(callId, fetch.Generation).ToWorkItem(), cancellationToken);
        _logger.LogDebug("Queued screen-pop {Kind} generation {Generation}", fetch.Kind, fetch.Generation);
    }
}
