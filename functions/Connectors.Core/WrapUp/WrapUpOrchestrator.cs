using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The durable wrap-up of one call: load, draft, the human's confirmation (when a human took the call), the keyed
/// upsert, the transcript note, recorded. Every failure of any step (a CRM refusal, a transient failure its retries did
/// not get past, a bug at its first attempt) parks the wrap-up with its step, reason and last error, and it waits a
/// bounded time for <see cref="ReplayEvent"/>. A replay starts a fresh history (<c>ContinueAsNew</c>) that goes on at
/// the parked step, carrying only ids and the step, so the history stays small across any number of rounds; nothing
/// done is done again. Inputs, outputs and custom status hold ids and codes only: each activity reads what it needs.
/// </summary>
public sealed class WrapUpOrchestrator : TaskOrchestrator<WrapUpInput, WrapUpResult?>
{
    /// <summary>The external event that tells the wrap-up the human answered (the answer itself is in <see cref="WrapUpDispositionStore"/>).</summary>
    public const string DispositionEvent = "disposition";

    /// <summary>The external event that resumes a parked wrap-up.</summary>
    public const string ReplayEvent = "replay";

    public override async Task<WrapUpResult?> RunAsync(TaskOrchestrationContext context, WrapUpInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = WrapUpRetryPolicy.For(input.Policy);
        var progress = input.Progress ?? new WrapUpProgress();
        if (input.Parked is { } stillParked)
        {
            return await ParkAsync(context, input, progress, stillParked, retry);
        }

        context.SetCustomStatus(progress);
        try
        {
            if (progress.Step == WrapUpSteps.Load)
            {
                if (!await context.CallActivityAsync<bool>(nameof(LoadCallActivity), input.CallId, retry))
                {
                    context.SetCustomStatus(progress with { AgentState = "available" });
                    return new WrapUpResult(input.CallId, WrapUpResult.NoSession, null, null);
                }

                progress = Advance(context, progress.Done(WrapUpSteps.Load, WrapUpSteps.Draft));
            }

            if (progress.Step == WrapUpSteps.Draft)
            {
                await context.CallActivityAsync<bool>(nameof(DraftDispositionActivity), input.CallId, retry);
                progress = Advance(context, progress.Done(WrapUpSteps.Draft, input.HumanTookCall ? WrapUpSteps.Confirm : WrapUpSteps.Upsert));
            }

            if (progress.Step == WrapUpSteps.Confirm)
            {
                context.SetCustomStatus(progress with { WaitingForHuman = true });
                try
                {
                    // The answer is in the store whichever way this ends: an answer after the timeout is written as a late update.
                    await context.WaitForExternalEvent<bool>(DispositionEvent, input.Policy.ConfirmationTimeout);
                }
                catch (TaskCanceledException)
                {
                }

                progress = Advance(context, progress.Done(WrapUpSteps.Confirm, WrapUpSteps.Upsert));
            }

            while (true)
            {
                if (progress.Step == WrapUpSteps.Upsert)
                {
                    var upsert = await context.CallActivityAsync<CrmStepResult>(nameof(UpsertDispositionActivity), new UpsertDispositionRequest(input.CallId, input.EndedAt), retry);
                    if (upsert.Rejected)
                    {
                        return await ParkAsync(context, input, progress, TransientFailure.Rejected, upsert.Rejection, retry);
                    }

                    progress = progress.Done(WrapUpSteps.Upsert, progress.NoteId is null ? WrapUpSteps.Note : WrapUpSteps.Recorded) with { RecordId = upsert.Id };
                    progress = Advance(context, progress);
                }

                if (progress.Step == WrapUpSteps.Note)
                {
                    var note = await context.CallActivityAsync<CrmStepResult>(nameof(AttachTranscriptActivity), new AttachTranscriptRequest(input.CallId, progress.RecordId!), retry);
                    if (note.Rejected)
                    {
                        return await ParkAsync(context, input, progress, TransientFailure.Rejected, note.Rejection, retry);
                    }

                    progress = Advance(context, progress.Done(WrapUpSteps.Note, WrapUpSteps.Recorded) with { NoteId = note.Id });
                }

                if (await context.CallActivityAsync<bool>(nameof(MarkRecordedActivity), new MarkRecordedRequest(input.CallId, input.EndedAt), retry))
                {
                    break;
                }

                // The human answered (or the platform's end came) after the record was written: write that to the same record first.
                progress = Advance(context, progress with { Step = WrapUpSteps.Upsert });
            }
        }
        catch (TaskFailedException e)
        {
            return await ParkAsync(context, input, progress, TransientFailure.ParkReason(e.FailureDetails), e.FailureDetails?.ErrorMessage ?? e.Message, retry);
        }

        context.SetCustomStatus(progress.Done(WrapUpSteps.Recorded, WrapUpSteps.Recorded) with { AgentState = "available" });
        return new WrapUpResult(input.CallId, WrapUpResult.Recorded, progress.RecordId, progress.NoteId);
    }

    private static WrapUpProgress Advance(TaskOrchestrationContext context, WrapUpProgress progress)
    {
        context.SetCustomStatus(progress);
        return progress;
    }

    private static Task<WrapUpResult?> ParkAsync(TaskOrchestrationContext context, WrapUpInput input, WrapUpProgress progress, string reason, string? error, TaskOptions retry) =>
        ParkAsync(context, input, progress, new ParkedWrapUp(input.CallId, progress.Step, reason, Shorten(error), context.CurrentUtcDateTime), retry);

    /// <summary>
    /// Lists the wrap-up as parked and waits, at most the replay wait, for a replay. A replay goes on at the parked
    /// step in a fresh history; a wait that runs out starts a fresh history that parks again and waits again.
    /// Should parking itself fail, the run fails: the call is still in the open-call index (parking takes it out
    /// only once it is listed), so the abandoned-call sweep starts it again from its step; never a void.
    /// </summary>
    private static async Task<WrapUpResult?> ParkAsync(TaskOrchestrationContext context, WrapUpInput input, WrapUpProgress progress, ParkedWrapUp parked, TaskOptions retry)
    {
        progress = progress with { Step = parked.Step, WaitingForHuman = false };
        context.SetCustomStatus(progress);
        await context.CallActivityAsync<bool>(nameof(ParkWrapUpActivity), parked, retry);

        // "parked" only once it is listed, so the status never claims what GET /api/wrapups/parked does not show.
        progress = progress with { ParkedReason = parked.Reason, LastError = parked.LastError };
        context.SetCustomStatus(progress);
        var wait = input.Policy.ReplayWait ?? TimeSpan.FromDays(1);
        try
        {
            await context.WaitForExternalEvent<bool>(ReplayEvent, wait);
        }
        catch (TaskCanceledException)
        {
            context.ContinueAsNew(input with { Progress = progress, Parked = parked }, preserveUnprocessedEvents: false);
            return null;
        }

        context.ContinueAsNew(input.GoOnAt(parked.Step, progress), preserveUnprocessedEvents: false);
        return null;
    }

    private static string? Shorten(string? message) => message is null || message.Length <= 300 ? message : message[..300];
}
