using Connectors.Core.Crm;
using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Step 4b: the redacted transcript as a note on the disposition record, under its own key. The transcript is
/// read here, not carried through the orchestration, so the history holds ids only.
/// </summary>
public sealed class AttachTranscriptActivity : TaskActivity<AttachTranscriptRequest, CrmStepResult>
{
    public const string NoteName = "transcript";

    private readonly ICrmConnector _crm;
    private readonly CallFactsLoader _loader;
    private readonly WrapUpJournal _journal;

    public AttachTranscriptActivity(ICrmConnector crm, CallFactsLoader loader, WrapUpJournal journal)
    {
        _crm = crm;
        _loader = loader;
        _journal = journal;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<CrmStepResult> RunAsync(TaskActivityContext context, AttachTranscriptRequest input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<CrmStepResult> ExecuteAsync(AttachTranscriptRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var facts = await _loader.LoadAsync(input.CallId, cancellationToken);
        var transcript = facts?.Conversation.RedactedTranscript;
        var body = string.IsNullOrWhiteSpace(transcript) ? "(no transcript)" : transcript;
        try
        {
            var note = new CrmNote(input.CallId, input.RecordId, NoteName, "Call transcript (redacted)", body);
            var result = await _crm.AddNoteAsync(note, new CrmCallContext(input.CallId, facts?.DryRun ?? false), cancellationToken);
            await _journal.StepDoneAsync(input.CallId, WrapUpSteps.Note, cancellationToken);
            return new CrmStepResult(result.NoteId, result.AlreadyPresent ? "AlreadyPresent" : "Created", null);
        }
        catch (CrmRejectedException e)
        {
            return new CrmStepResult(null, null, $"{e.Status} {e.ErrorCode}");
        }
    }
}

/// <summary>The input of <see cref="AttachTranscriptActivity"/>.</summary>
public sealed record AttachTranscriptRequest(string CallId, string RecordId);
