using Microsoft.Extensions.Options;

namespace Connectors.Core.Calls;

/// <summary>
/// Waits, for a bounded time, for a call's fetch to get somewhere: woken by
/// <see cref="CallSessionSignals"/> when this process finishes it, polling the store otherwise.
/// </summary>
public sealed class AccountFetchWaiter
{
    private readonly ICallSessionStore _sessions;
    private readonly CallSessionSignals _signals;
    private readonly IOptionsMonitor<CallsOptions> _options;
    private readonly TimeProvider _time;

    public AccountFetchWaiter(ICallSessionStore sessions, CallSessionSignals signals, IOptionsMonitor<CallsOptions> options, TimeProvider time)
    {
        _sessions = sessions;
        _signals = signals;
        _options = options;
        _time = time;
    }

    /// <summary>Reads the session and, while <paramref name="stillWaiting"/> holds for it, waits for a change, for at most <paramref name="limit"/>.</summary>
    public async Task<FetchWait> WaitAsync(string callId, Func<CallSession, bool> stillWaiting, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stillWaiting);
        var started = _time.GetTimestamp();
        var poll = _options.CurrentValue.PollInterval;
        var waited = false;
        while (true)
        {
            var change = _signals.NextChange(callId);
            var session = await _sessions.GetAsync(callId, cancellationToken);
            if (session is null || !stillWaiting(session))
            {
                _signals.Forget(callId, change);
                return new FetchWait(session, waited, TimedOut: false);
            }

            var remaining = limit - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                _signals.Forget(callId, change);
                return new FetchWait(session, waited, TimedOut: true);
            }

            waited = true;
            try
            {
                await change.WaitAsync(remaining < poll ? remaining : poll, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // No signal in this interval: look at the store again.
            }
        }
    }
}
