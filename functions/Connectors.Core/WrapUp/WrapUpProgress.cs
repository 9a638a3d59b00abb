namespace Connectors.Core.WrapUp;

/// <summary>
/// Where a wrap-up stands, kept as the orchestration's custom status so <c>GET /api/calls/{callId}/wrapup</c>
/// reads it from the engine: the steps done, the draft, the CRM record, whether it waits for a human or a replay.
/// </summary>
public sealed record WrapUpProgress
{
    public IReadOnlyList<string> StepsDone { get; init; } = [];

    public DispositionDraft? Draft { get; init; }

    public string? RecordId { get; init; }

    public string? NoteId { get; init; }

    public bool WaitingForHuman { get; init; }

    /// <summary>The AI agent's state for the call: <c>after-call-work</c> while a human confirms, then <c>available</c>.</summary>
    public string AgentState { get; init; } = "after-call-work";

    /// <summary>Why it is parked (<c>rejected</c>, <c>retries-exhausted</c>); null when it is not.</summary>
    public string? ParkedReason { get; init; }

    public string? LastError { get; init; }

    public WrapUpProgress Done(string step) => this with { StepsDone = [.. StepsDone, step] };
}
