using Connectors.Core.Crm;
using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Step 4a: the keyed upsert of the disposition through the configured CRM. It composes what to write itself (the
/// kept draft, the human's answer, how the call ended: <see cref="WrapUpDisposition.Compose"/>), so the history holds
/// ids only; a later answer or end makes a later version, written to the same record under the same key. A refusal
/// comes back as a rejection (park now); unavailability is thrown (retry under the same key).
/// </summary>
public sealed class UpsertDispositionActivity : TaskActivity<UpsertDispositionRequest, CrmStepResult>
{
    private readonly ICrmConnector _crm;
    private readonly CallFactsLoader _loader;
    private readonly DispositionDrafter _drafter;
    private readonly WrapUpDispositionStore _dispositions;
    private readonly WrapUpMetrics _metrics;
    private readonly WrapUpJournal _journal;

    public UpsertDispositionActivity(ICrmConnector crm, CallFactsLoader loader, DispositionDrafter drafter, WrapUpDispositionStore dispositions, WrapUpMetrics metrics, WrapUpJournal journal)
    {
        _crm = crm;
        _loader = loader;
        _drafter = drafter;
        _dispositions = dispositions;
        _metrics = metrics;
        _journal = journal;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<CrmStepResult> RunAsync(TaskActivityContext context, UpsertDispositionRequest input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<CrmStepResult> ExecuteAsync(UpsertDispositionRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var facts = await _loader.LoadAsync(input.CallId, cancellationToken)
            ?? throw new InvalidOperationException($"The session of '{input.CallId}' is gone; there is nothing to record.");
        var (row, draft) = await DraftDispositionActivity.DraftAsync(_drafter, _loader, _dispositions, input.CallId, cancellationToken);
        var version = row.Version;
        var d = row.Compose(draft);
        var record = new DispositionRecord
        {
            CallKey = input.CallId,
            OutcomeCode = d.OutcomeCode,
            Summary = d.Summary,
            Subject = d.Late ? $"Call: {d.OutcomeCode} ({d.Confirmation} late)" : null,
            AccountId = d.AccountId,
            CallStartedAt = facts.ConnectedAt,
            DurationSeconds = (int)Math.Max(0, (input.EndedAt - facts.ConnectedAt).TotalSeconds),
        };
        DispositionWriteResult result;
        try
        {
            result = await _crm.UpsertDispositionAsync(record, new CrmCallContext(input.CallId, facts.DryRun), cancellationToken);
        }
        catch (CrmRejectedException e)
        {
            return new CrmStepResult(null, null, $"{e.Status} {e.ErrorCode}");
        }

        if (result.Outcome == DispositionWriteOutcome.Created)
        {
            _metrics.DispositionCreated(_crm.Kind);
        }

        var before = row.Committed?.Confirmation;
        await _dispositions.CommitAsync(input.CallId, version, d, cancellationToken);
        if (d.Confirmation == DispositionDraft.Edited && before != DispositionDraft.Edited)
        {
            // The edit-rate signal: a human changed the AI's draft, in time or late.
            _metrics.Edited();
        }

        await _journal.StepDoneAsync(input.CallId, WrapUpSteps.Upsert, cancellationToken);
        return new CrmStepResult(result.RecordId, result.Outcome.ToString(), null);
    }
}

/// <summary>The input of <see cref="UpsertDispositionActivity"/>: ids and times only, no disposition text.</summary>
public sealed record UpsertDispositionRequest(string CallId, DateTimeOffset EndedAt);
