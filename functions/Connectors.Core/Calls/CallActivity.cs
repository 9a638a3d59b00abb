using Connectors.Core.WrapUp;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Calls;

/// <summary>
/// Any request about a call is activity, and only a call silent past <see cref="WrapUpOptions.AbandonAfter"/> may be
/// swept as abandoned. Requests that write anyway leave their time where they write (session events, the baton's
/// <c>UpdatedAt</c>); requests that only read (account reads, step-up loads, the summary) mark the session here, but
/// only when its last mark is older than <see cref="Coalescing"/>: a read costs no extra storage round trip except
/// about once per quarter of AbandonAfter. So the stored time lags the true last request by less than that
/// window, and the sweep waits AbandonAfter plus the window (<see cref="QuietPeriod"/>) before it calls a call silent.
/// </summary>
public sealed class CallActivity
{
    private readonly ICallSessionStore _sessions;
    private readonly IOptionsMonitor<WrapUpOptions> _options;
    private readonly TimeProvider _time;

    public CallActivity(ICallSessionStore sessions, IOptionsMonitor<WrapUpOptions> options, TimeProvider time)
    {
        _sessions = sessions;
        _options = options;
        _time = time;
    }

    /// <summary>How stale a read-only request may find the session's last activity before it writes a new mark.</summary>
    public static TimeSpan Coalescing(TimeSpan abandonAfter) => abandonAfter / 4;

    /// <summary>How long the stored activity must be quiet before the call was truly silent for <paramref name="abandonAfter"/>.</summary>
    public static TimeSpan QuietPeriod(TimeSpan abandonAfter) => abandonAfter + Coalescing(abandonAfter);

    /// <summary>The latest activity the session knows of: its connect, its events, its last read mark.</summary>
    public static DateTimeOffset LastSeen(CallSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var last = session.ConnectedAt;
        foreach (var e in session.Events)
        {
            last = e.At > last ? e.At : last;
        }

        return session.LastActivityAt is { } mark && mark > last ? mark : last;
    }

    /// <summary>
    /// <paramref name="session"/> with this request's mark, or null when its last activity is recent enough: pure, so a
    /// request that writes the session anyway carries the mark in that same conditional write.
    /// </summary>
    public CallSession? MarkIfDue(CallSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return now - LastSeen(session) < Coalescing(_options.CurrentValue.AbandonAfter) ? null : session with { LastActivityAt = now };
    }

    /// <summary>Marks a read-only request on <paramref name="session"/> (as just read) when its last activity is older than the coalescing window.</summary>
    public async Task NoteAsync(CallSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = _time.GetUtcNow();
        if (MarkIfDue(session, now) is null)
        {
            return;
        }

        await _sessions.UpdateAsync(session.CallId, s => MarkIfDue(s, now), cancellationToken);
    }
}
