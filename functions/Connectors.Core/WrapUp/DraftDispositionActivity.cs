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

    public override async Task<DispositionDraft> RunAsync(TaskActivityContext context, DraftRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var draft = _drafter.Draft(input.Facts, input.Trigger, input.HumanTookCall);
        await _journal.StepDoneAsync(input.Facts.CallId, WrapUpSteps.Draft, CancellationToken.None);
        return draft;
    }
}

/// <summary>The input of <see cref="DraftDispositionActivity"/>.</summary>
public sealed record DraftRequest(CallFacts Facts, string Trigger, bool HumanTookCall);
