using Connectors.Core.Http;
using Connectors.Core.WrapUp;
using Microsoft.DurableTask.Client;

namespace Connectors.Core.Calls;

/// <summary>
/// "The call ended": the one Core seam every way a call can end goes through (the platform adapters' <c>end</c>
/// action, and <c>POST /api/calls/{callId}/end</c>). It marks the session ended once, then starts the durable
/// wrap-up, which starts at most once per call; a repeat changes nothing and starts nothing. Should the start
/// fail after the session is marked, the call is still in the open-call index, so the abandoned-call sweep
/// wraps it up: an ended call is never a void.
/// </summary>
public sealed class CallEnder
{
    private readonly ICallSessionStore _sessions;
    private readonly WrapUpStarter _wrapUps;
    private readonly TimeProvider _time;

    public CallEnder(ICallSessionStore sessions, WrapUpStarter wrapUps, TimeProvider time)
    {
        _sessions = sessions;
        _wrapUps = wrapUps;
        _time = time;
    }

    /// <summary>
    /// Throws a 404 problem when the call never connected; <paramref name="reason"/> is a short code (e.g.
    /// <c>caller-hung-up</c>). <paramref name="client"/> is the host's Durable Task client.
    /// </summary>
    public async Task<CallEnded> EndAsync(DurableTaskClient client, string callId, string? reason, bool humanTookCall, CancellationToken cancellationToken)
    {
        CallId.Validate(callId);
        var now = _time.GetUtcNow();
        var detail = reason is { Length: > 0 and <= 48 } && reason.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? reason : null;
        var session = await _sessions.UpdateAsync(callId, s => s.EndedAt is not null ? null : s.WithEvent(now, CallEventKinds.Ended, detail) with { EndedAt = now }, cancellationToken)
            ?? throw new ProblemException(404, "call-not-found", "Call not found", $"No call '{callId}' has connected; POST /api/calls/{callId}/connect first.");
        var started = await _wrapUps.StartAsync(client, callId, WrapUpInput.Ended, humanTookCall, cancellationToken);
        return new CallEnded(session, started);
    }
}
