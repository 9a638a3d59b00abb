using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The durable wrap-up of one call: load, draft, the human's confirmation (when a human took the call),
/// the keyed upsert, the transcript note, recorded. A CRM step that is refused, or still failing when its
/// retry policy gives up, parks the wrap-up and waits for <see cref="ReplayEvent"/>; the replay goes on
/// from that step, so nothing done is done again.
/// </summary>
public sealed class WrapUpOrchestrator : TaskOrchestrator<WrapUpInput, WrapUpResult>
{
    /// <summary>The external event carrying the human's <see cref="HumanDisposition"/>.</summary>
    public const string DispositionEvent = "disposition";

    /// <summary>The external event that resumes a parked wrap-up.</summary>
    public const string ReplayEvent = "replay";

    public override async Task<WrapUpResult> RunAsync(TaskOrchestrationContext context, WrapUpInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = WrapUpRetryPolicy.For(input.Policy);
        var progress = new WrapUpProgress();
        context.SetCustomStatus(progress);

        var facts = await context.CallActivityAsync<CallFacts?>(nameof(LoadCallActivity), input.CallId, retry);
        if (facts is null)
        {
            context.SetCustomStatus(progress with { AgentState = "available" });
            return new WrapUpResult(input.CallId, WrapUpResult.NoSession, null, null, null);
        }

        progress = progress.Done(WrapUpSteps.Load);
        var draft = await context.CallActivityAsync<DispositionDraft>(nameof(DraftDispositionActivity), new DraftRequest(facts, input.Trigger, input.HumanTookCall), retry);
        progress = progress.Done(WrapUpSteps.Draft) with { Draft = draft };

        var disposition = draft;
        if (input.HumanTookCall)
        {
            context.SetCustomStatus(progress with { WaitingForHuman = true });
            try
            {
                var human = await context.WaitForExternalEvent<HumanDisposition>(DispositionEvent, input.Policy.ConfirmationTimeout);
                disposition = DispositionDrafter.Apply(draft, human);
            }
            catch (TaskCanceledException)
            {
                disposition = draft with { Confirmation = DispositionDraft.Unconfirmed };
            }

            progress = progress.Done(WrapUpSteps.Confirm) with { Draft = disposition };
        }

        context.SetCustomStatus(progress);
        var upsert = new UpsertDispositionRequest(input.CallId, facts.DryRun, facts.ConnectedAt, input.EndedAt, disposition);
        (var record, progress) = await RunCrmStepAsync(context, input.CallId, WrapUpSteps.Upsert, nameof(UpsertDispositionActivity), upsert, retry, progress);
        progress = progress.Done(WrapUpSteps.Upsert) with { RecordId = record.Id };
        context.SetCustomStatus(progress);

        var noteRequest = new AttachTranscriptRequest(input.CallId, facts.DryRun, record.Id!);
        (var note, progress) = await RunCrmStepAsync(context, input.CallId, WrapUpSteps.Note, nameof(AttachTranscriptActivity), noteRequest, retry, progress);
        progress = progress.Done(WrapUpSteps.Note) with { NoteId = note.Id };
        context.SetCustomStatus(progress);

        await context.CallActivityAsync<bool>(nameof(MarkRecordedActivity), new MarkRecordedRequest(input.CallId, input.EndedAt, disposition.Confirmation), retry);
        context.SetCustomStatus(progress.Done(WrapUpSteps.Recorded) with { AgentState = "available" });
        return new WrapUpResult(input.CallId, WrapUpResult.Recorded, disposition, record.Id, note.Id);
    }

    /// <summary>Runs a CRM step under its retry policy; when it is refused or gives up, parks and waits for a replay, then tries the step again.</summary>
    private static async Task<(CrmStepResult Result, WrapUpProgress Progress)> RunCrmStepAsync(
        TaskOrchestrationContext context, string callId, string step, string activity, object request, TaskOptions retry, WrapUpProgress progress)
    {
        while (true)
        {
            string reason;
            string? error;
            try
            {
                var result = await context.CallActivityAsync<CrmStepResult>(activity, request, retry);
                if (!result.Rejected)
                {
                    return (result, progress with { ParkedReason = null, LastError = null });
                }

                (reason, error) = ("rejected", result.Rejection);
            }
            catch (TaskFailedException e)
            {
                (reason, error) = ("retries-exhausted", Shorten(e.FailureDetails?.ErrorMessage ?? e.Message));
            }

            var parked = new ParkedWrapUp(callId, step, reason, error, context.CurrentUtcDateTime);
            await context.CallActivityAsync<bool>(nameof(ParkWrapUpActivity), parked, retry);
            progress = progress with { ParkedReason = reason, LastError = error };
            context.SetCustomStatus(progress);
            await context.WaitForExternalEvent<bool>(ReplayEvent);
            await context.CallActivityAsync<bool>(nameof(ResumeWrapUpActivity), parked.CallId, retry);
            progress = progress with { ParkedReason = null, LastError = null };
            context.SetCustomStatus(progress);
        }
    }

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300];
}
