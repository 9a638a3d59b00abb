using Connectors.Core.Calls;
using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>Step 5: the call is recorded: its session says when it ended, it leaves the open-call index, and the signals are counted.</summary>
public sealed class MarkRecordedActivity : TaskActivity<MarkRecordedRequest, bool>
{
    private readonly ICallSessionStore _sessions;
    private readonly OpenCallIndex _open;
    private readonly WrapUpMetrics _metrics;
    private readonly TimeProvider _time;

    public MarkRecordedActivity(ICallSessionStore sessions, OpenCallIndex open, WrapUpMetrics metrics, TimeProvider time)
    {
        _sessions = sessions;
        _open = open;
        _metrics = metrics;
        _time = time;
    }

    public override async Task<bool> RunAsync(TaskActivityContext context, MarkRecordedRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = _time.GetUtcNow();
        await _sessions.UpdateAsync(input.CallId, s => s with
        {
            EndedAt = s.EndedAt ?? input.EndedAt,
            Events = [.. s.Events, new CallEvent(now, WrapUpSteps.StepEventKind, WrapUpSteps.Recorded)],
        }, CancellationToken.None);
        await _open.RemoveAsync(input.CallId, CancellationToken.None);
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
