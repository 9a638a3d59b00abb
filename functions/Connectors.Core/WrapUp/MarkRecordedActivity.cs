using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>Step 5: the call is recorded: its session says when it ended, it leaves the open-call index, its baton closes, and the signals are counted.</summary>
public sealed class MarkRecordedActivity : TaskActivity<MarkRecordedRequest, bool>
{
    private readonly ICallSessionStore _sessions;
    private readonly OpenCallIndex _open;
    private readonly WrapUpMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly BatonCloser _batons;
    private readonly Events.CallEventEmitter _events;

    public MarkRecordedActivity(ICallSessionStore sessions, OpenCallIndex open, WrapUpMetrics metrics, TimeProvider time, BatonCloser batons, Events.CallEventEmitter events)
    {
        _batons = batons;
        _events = events;
        _sessions = sessions;
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
        var now = _time.GetUtcNow();
        await _sessions.UpdateAsync(input.CallId, s => s with
        {
            EndedAt = s.EndedAt ?? input.EndedAt,
            Events = [.. s.Events, new CallEvent(now, WrapUpSteps.StepEventKind, WrapUpSteps.Recorded)],
        }, cancellationToken);
        await _open.RemoveAsync(input.CallId, cancellationToken);
        // The call's story is told: later appends, transfers and answers are 409s.
        await _batons.CloseAsync(input.CallId, cancellationToken);
        await _events.EmitAsync(Events.CallEventTypes.Recorded, input.CallId, null, new Dictionary<string, string> { ["confirmation"] = input.Confirmation }, cancellationToken);
        if (input.Confirmation == DispositionDraft.Edited)
        {
            _metrics.Edited();
        }

        _metrics.Recorded(now - input.EndedAt, input.Confirmation);
        return true;
    }
}

/// <summary>The input of <see cref="MarkRecordedActivity"/>.</summary>
public sealed record MarkRecordedRequest(string CallId, DateTimeOffset EndedAt, string Confirmation);
