using Connectors.Core.WrapUp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Connectors.Functions.WrapUp;

/// <summary>
/// Core's wrap-up orchestrator and activities on Durable Functions: one thin function each, named after its
/// class (the name the orchestrator calls it by), calling the Core class and returning what it returns.
/// </summary>
public sealed class WrapUpTaskTriggers(
    LoadCallActivity load,
    DraftDispositionActivity draft,
    UpsertDispositionActivity upsert,
    AttachTranscriptActivity note,
    MarkRecordedActivity recorded,
    ParkWrapUpActivity park)
{
    [Function(nameof(WrapUpOrchestrator))]
    public Task<WrapUpResult?> WrapUp([OrchestrationTrigger] TaskOrchestrationContext context, WrapUpInput input) =>
        new WrapUpOrchestrator().RunAsync(context, input);

    [Function(nameof(LoadCallActivity))]
    public Task<bool> LoadCall([ActivityTrigger] string callId, CancellationToken cancellationToken) =>
        load.ExecuteAsync(callId, cancellationToken);

    [Function(nameof(DraftDispositionActivity))]
    public Task<bool> DraftDisposition([ActivityTrigger] string callId, CancellationToken cancellationToken) =>
        draft.ExecuteAsync(callId, cancellationToken);

    [Function(nameof(UpsertDispositionActivity))]
    public Task<CrmStepResult> UpsertDisposition([ActivityTrigger] UpsertDispositionRequest request, CancellationToken cancellationToken) =>
        upsert.ExecuteAsync(request, cancellationToken);

    [Function(nameof(AttachTranscriptActivity))]
    public Task<CrmStepResult> AttachTranscript([ActivityTrigger] AttachTranscriptRequest request, CancellationToken cancellationToken) =>
        note.ExecuteAsync(request, cancellationToken);

    [Function(nameof(MarkRecordedActivity))]
    public Task<bool> MarkRecorded([ActivityTrigger] MarkRecordedRequest request, CancellationToken cancellationToken) =>
        recorded.ExecuteAsync(request, cancellationToken);

    [Function(nameof(ParkWrapUpActivity))]
    public Task<bool> ParkWrapUp([ActivityTrigger] ParkedWrapUp request, CancellationToken cancellationToken) =>
        park.ExecuteAsync(request, cancellationToken);
}
