using Microsoft.DurableTask.Client;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The answer of <c>GET /api/calls/{callId}/wrapup</c>: the engine's status of the call's wrap-up and its
/// progress. <see cref="State"/> is <c>running</c>, <c>waiting-for-human</c>, <c>parked</c>, <c>recorded</c>,
/// <c>no-session</c>, <c>amending</c> (a late answer or end is being written to the recorded call's record) or <c>failed</c>.
/// </summary>
public sealed record WrapUpStatus
{
    public required string CallId { get; init; }

    public required string State { get; init; }

    public required string RuntimeStatus { get; init; }

    public IReadOnlyList<string> StepsDone { get; init; } = [];

    public DispositionDraft? Draft { get; init; }

    public string? RecordId { get; init; }

    public string? NoteId { get; init; }

    public bool WaitingForHuman { get; init; }

    public string? AgentState { get; init; }

    public string? ParkedReason { get; init; }

    public string? LastError { get; init; }

    /// <summary>The status from the engine's metadata and the call's disposition row (the draft, the committed disposition).</summary>
    public static WrapUpStatus Of(string callId, OrchestrationMetadata metadata, WrapUpDisposition? disposition)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var progress = metadata.SerializedCustomStatus is null ? new WrapUpProgress() : metadata.ReadCustomStatusAs<WrapUpProgress>() ?? new WrapUpProgress();
        var result = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.SerializedOutput is not null
            ? metadata.ReadOutputAs<WrapUpResult>()
            : null;
        var state = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => result?.Status ?? WrapUpResult.Recorded,
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => "failed",
            _ when progress.ParkedReason is not null => "parked",
            _ when progress.WaitingForHuman => "waiting-for-human",
            _ when disposition is { Recorded: true } => "amending",
            _ => "running",
        };
        return new WrapUpStatus
        {
            CallId = callId,
            State = state,
            RuntimeStatus = metadata.RuntimeStatus.ToString().ToLowerInvariant(),
            StepsDone = progress.StepsDone,
            Draft = disposition?.Committed ?? disposition?.Draft,
            RecordId = result?.RecordId ?? progress.RecordId,
            NoteId = result?.NoteId ?? progress.NoteId,
            WaitingForHuman = state == "waiting-for-human",
            AgentState = progress.AgentState,
            ParkedReason = progress.ParkedReason,
            LastError = progress.LastError,
        };
    }
}
