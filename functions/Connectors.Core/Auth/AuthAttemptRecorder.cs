using Connectors.Core.Calls;
using Connectors.Core.Observability;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Auth;

/// <summary>
/// The one place an attempt becomes audit: appended to the session (method, outcome, time, account; never
/// the code, the answer or a full number), a pass bound to the account it was proved against, the
/// <see cref="AuthMetrics.AttemptsName"/> counter, and a structured log line.
/// </summary>
public sealed class AuthAttemptRecorder
{
    private readonly ICallSessionStore _sessions;
    private readonly AuthMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AuthAttemptRecorder(ICallSessionStore sessions, AuthMetrics metrics, TimeProvider time, ILogger<AuthAttemptRecorder> logger)
    {
        _sessions = sessions;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Records one attempt; when <paramref name="reached"/> is set, also the pass at that level for
    /// <paramref name="accountId"/>. Returns the level now reached for that account.
    /// </summary>
    public async Task<AssuranceLevel> RecordAsync(
        string callId, AuthMethod method, string outcome, string? accountId, AssuranceLevel? reached, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var attempt = new AuthAttempt(method, outcome, at, accountId);
        var pass = reached is { } level && accountId is not null ? new AuthPass(method, level, accountId, at) : null;
        var session = await _sessions.UpdateAsync(
            callId,
            s => s with { Auth = pass is null ? s.Auth.WithAttempt(attempt) : s.Auth.WithAttempt(attempt).WithPass(pass) },
            cancellationToken);

        _metrics.RecordAttempt(method, outcome);
        using (_logger.BeginScope(new Dictionary<string, object> { [ConnectorsTelemetry.CallIdScopeKey] = callId }))
        {
            _logger.LogInformation("Step-up {Method} attempt on call {CallId}: {Outcome}", AuthMetrics.MethodTag(method), callId, outcome);
        }

        return session?.Auth.LevelFor(accountId) ?? AssuranceLevel.None;
    }

    /// <summary>Appends an event (no PII in <paramref name="detail"/>; destinations masked) to the call.</summary>
    public async Task RecordEventAsync(string callId, string kind, string detail, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        await _sessions.UpdateAsync(callId, s => s.WithEvent(at, kind, detail), cancellationToken);
    }
}
