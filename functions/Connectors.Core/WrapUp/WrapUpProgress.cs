namespace Connectors.Core.WrapUp;

/// <summary>
/// Where a wrap-up stands, kept as the orchestration's custom status so <c>GET /api/calls/{callId}/wrapup</c>
/// reads it from the engine: the step it is at, the steps done, the CRM ids, whether it waits for a human or a
/// replay. Ids and codes only: the draft itself lives in <see cref="WrapUpDispositionStore"/>, not in the history.
/// </summary>
public sealed record WrapUpProgress
{
    /// <summary>The step running now, or the one a parked or failed wrap-up goes on from.</summary>
    public string Step { get; init; } = WrapUpSteps.Load;

    public IReadOnlyList<string> StepsDone { get; init; } = [];

    public string? RecordId { get; init; }

    public string? NoteId { get; init; }

    public bool WaitingForHuman { get; init; }

    /// <summary>The AI agent's state for the call: <c>after-call-work</c> while a human confirms, then <c>available</c>.</summary>
    public string AgentState { get; init; } = "after-call-work";

    /// <summary>Why it is parked (<c>rejected</c>, <c>retries-exhausted</c>, <c>failed</c>); null when it is not.</summary>
    public string? ParkedReason { get; init; }

    public string? LastError { get; init; }

    /// <summary>The step done, and the next one to run.</summary>
    public WrapUpProgress Done(string step, string next) =>
        this with { StepsDone = StepsDone.Contains(step) ? StepsDone : [.. StepsDone, step], Step = next };
}
