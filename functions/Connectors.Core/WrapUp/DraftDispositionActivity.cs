using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>Step 2: the draft disposition, from the configured code set. Pure apart from the journal entry.</summary>
public sealed class DraftDispositionActivity : TaskActivity<DraftRequest, DispositionDraft>
{
    private readonly DispositionDrafter _drafter;
    private readonly WrapUpJournal _journal;

    public DraftDispositionActivity(DispositionDrafter drafter, WrapUpJournal journal)
    {
        _drafter = drafter;
        _journal = journal;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<DispositionDraft> RunAsync(TaskActivityContext context, DraftRequest input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<DispositionDraft> ExecuteAsync(DraftRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var draft = _drafter.Draft(input.Facts, input.Trigger, input.HumanTookCall);
        await _journal.StepDoneAsync(input.Facts.CallId, WrapUpSteps.Draft, cancellationToken);
        return draft;
    }
}

/// <summary>The input of <see cref="DraftDispositionActivity"/>.</summary>
public sealed record DraftRequest(CallFacts Facts, string Trigger, bool HumanTookCall);
