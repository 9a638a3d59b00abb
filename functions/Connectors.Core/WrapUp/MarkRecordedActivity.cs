using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Step 5: the call is recorded, unless the human's answer or the platform's end came since the record was written
/// (false: the orchestrator writes that version first). Recorded: the session says when it ended, the call leaves the
/// open-call index, its baton closes, the outbound event is emitted, and the signals are counted once.
/// </summary>
public sealed class MarkRecordedActivity : TaskActivity<MarkRecordedRequest, bool>
{
    private readonly ICallSessionStore _sessions;
    private readonly WrapUpDispositionStore _dispositions;
    private readonly OpenCallIndex _open;
    private readonly WrapUpMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly BatonCloser _batons;
    private readonly Events.CallEventEmitter _events;

    public MarkRecordedActivity(ICallSessionStore sessions, WrapUpDispositionStore dispositions, OpenCallIndex open, WrapUpMetrics metrics, TimeProvider time, BatonCloser batons, Events.CallEventEmitter events)
    {
        _batons = batons;
        _events = events;
        _sessions = sessions;
        _dispositions = dispositions;
        _open = open;
        _metrics = metrics;
        _time = time;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<bool> RunAsync(TaskActivityContext context, MarkRecordedRequest input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<bool> ExecuteAsync(MarkRecordedRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (row, first) = await _dispositions.CloseAsync(input.CallId, cancellationToken);
        if (row.Behind)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        await _sessions.UpdateAsync(input.CallId, s => s with
        {
            EndedAt = s.EndedAt ?? input.EndedAt,
            Events = [.. s.Events, new CallEvent(now, WrapUpSteps.StepEventKind, WrapUpSteps.Recorded)],
        }, cancellationToken);
        await _open.RemoveAsync(input.CallId, cancellationToken);
        // The call's story is told: later appends, transfers and answers are 409s.
        await _batons.CloseAsync(input.CallId, cancellationToken);
        await _events.EmitAsync(Events.CallEventTypes.Recorded, input.CallId, null, new Dictionary<string, string> { ["confirmation"] = row.Committed?.Confirmation ?? DispositionDraft.NotRequired }, cancellationToken);
        if (first)
        {
            _metrics.Recorded(now - input.EndedAt, row.Committed?.Confirmation ?? DispositionDraft.NotRequired);
        }

        return true;
    }
}

/// <summary>The input of <see cref="MarkRecordedActivity"/>.</summary>
public sealed record MarkRecordedRequest(string CallId, DateTimeOffset EndedAt);
