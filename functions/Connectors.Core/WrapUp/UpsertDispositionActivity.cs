using Connectors.Core.Crm;
using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Step 4a: the keyed upsert of the disposition through the configured CRM. The key is the call's, so a
/// retry after an unknown outcome finds the record instead of making a second one. A refusal comes back
/// as a rejection (park now); unavailability is thrown (retry under the same key).
/// </summary>
public sealed class UpsertDispositionActivity : TaskActivity<UpsertDispositionRequest, CrmStepResult>
{
    private readonly ICrmConnector _crm;
    private readonly WrapUpMetrics _metrics;
    private readonly WrapUpJournal _journal;

    public UpsertDispositionActivity(ICrmConnector crm, WrapUpMetrics metrics, WrapUpJournal journal)
    {
        _crm = crm;
        _metrics = metrics;
        _journal = journal;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<CrmStepResult> RunAsync(TaskActivityContext context, UpsertDispositionRequest input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<CrmStepResult> ExecuteAsync(UpsertDispositionRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var d = input.Disposition;
        var record = new DispositionRecord
        {
            CallKey = input.CallId,
            OutcomeCode = d.OutcomeCode,
            Summary = d.Summary,
            AccountId = d.AccountId,
            CallStartedAt = input.ConnectedAt,
            DurationSeconds = (int)Math.Max(0, (input.EndedAt - input.ConnectedAt).TotalSeconds),
        };
        try
        {
            var result = await _crm.UpsertDispositionAsync(record, new CrmCallContext(input.CallId, input.DryRun), cancellationToken);
            if (result.Outcome == DispositionWriteOutcome.Created)
            {
                _metrics.DispositionCreated(_crm.Kind);
            }

            await _journal.StepDoneAsync(input.CallId, WrapUpSteps.Upsert, cancellationToken);
            return new CrmStepResult(result.RecordId, result.Outcome.ToString(), null);
        }
        catch (CrmRejectedException e)
        {
            return new CrmStepResult(null, null, $"{e.Status} {e.ErrorCode}");
        }
    }
}

/// <summary>The input of <see cref="UpsertDispositionActivity"/>: ids and the committed disposition, no transcript.</summary>
public sealed record UpsertDispositionRequest(string CallId, bool DryRun, DateTimeOffset ConnectedAt, DateTimeOffset EndedAt, DispositionDraft Disposition);
