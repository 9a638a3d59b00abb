using Connectors.Core.Http;

namespace Connectors.Core.Calls;

/// <summary>
/// "The call ended": the one Core seam every way a call can end goes through (the platform adapters' <c>end</c>
/// action, and the wrap-up's <c>POST /api/calls/{callId}/end</c>). It marks the session ended once; a repeat finds it
/// ended and changes nothing. The durable wrap-up is started from here, after the session is marked.
/// </summary>
public sealed class CallEnder
{
    private readonly ICallSessionStore _sessions;
    private readonly TimeProvider _time;

    public CallEnder(ICallSessionStore sessions, TimeProvider time)
    {
        _sessions = sessions;
        _time = time;
    }

    /// <summary>Throws a 404 problem when the call never connected; <paramref name="reason"/> is a short code (e.g. <c>caller-hung-up</c>).</summary>
    public async Task<CallSession> EndAsync(string callId, string? reason, CancellationToken cancellationToken)
    {
        CallId.Validate(callId);
        var now = _time.GetUtcNow();
        var detail = reason is { Length: > 0 and <= 48 } && reason.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? reason : null;
        return await _sessions.UpdateAsync(callId, s => s.EndedAt is not null ? null : s.WithEvent(now, CallEventKinds.Ended, detail) with { EndedAt = now }, cancellationToken)
            ?? throw new ProblemException(404, "call-not-found", "Call not found", $"No call '{callId}' has connected; POST /api/calls/{callId}/connect first.");
    }
}
