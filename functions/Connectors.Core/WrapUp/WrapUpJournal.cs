using Connectors.Core.Calls;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Appends a completed wrap-up step to the call's events: the audit trail of the wrap-up, and the record
/// that shows a step the engine saw complete never ran again (after a crash, a replay, a duplicate start).
/// </summary>
public sealed class WrapUpJournal
{
    private readonly ICallSessionStore _sessions;
    private readonly TimeProvider _time;

    public WrapUpJournal(ICallSessionStore sessions, TimeProvider time)
    {
        _sessions = sessions;
        _time = time;
    }

    public Task StepDoneAsync(string callId, string step, CancellationToken cancellationToken) =>
        _sessions.UpdateAsync(callId, s => s.WithEvent(_time.GetUtcNow(), WrapUpSteps.StepEventKind, step), cancellationToken);

    /// <summary>How often each step completed for the call, from its events.</summary>
    public async Task<IReadOnlyDictionary<string, int>> StepCountsAsync(string callId, CancellationToken cancellationToken)
    {
        var session = await _sessions.GetAsync(callId, cancellationToken);
        return (session?.Events ?? [])
            .Where(e => e.Kind == WrapUpSteps.StepEventKind && e.Detail is not null)
            .GroupBy(e => e.Detail!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }
}
