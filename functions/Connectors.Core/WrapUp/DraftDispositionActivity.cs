using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Step 2: the draft disposition, from the configured code set and the call's facts (read here), kept in
/// <see cref="WrapUpDispositionStore"/> for the human to see; the first draft of a trigger is the one kept.
/// </summary>
public sealed class DraftDispositionActivity : TaskActivity<string, bool>
{
    private readonly DispositionDrafter _drafter;
    private readonly CallFactsLoader _loader;
    private readonly WrapUpDispositionStore _dispositions;
    private readonly WrapUpJournal _journal;

    public DraftDispositionActivity(DispositionDrafter drafter, CallFactsLoader loader, WrapUpDispositionStore dispositions, WrapUpJournal journal)
    {
        _drafter = drafter;
        _loader = loader;
        _dispositions = dispositions;
        _journal = journal;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<bool> RunAsync(TaskActivityContext context, string input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself (the input is the call id); the Functions app's activity trigger calls this with its token.</summary>
    public async Task<bool> ExecuteAsync(string input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await DraftAsync(_drafter, _loader, _dispositions, input, cancellationToken);
        await _journal.StepDoneAsync(input, WrapUpSteps.Draft, cancellationToken);
        return true;
    }

    /// <summary>The kept draft of the call's current trigger, drafted and kept now when there is none.</summary>
    internal static async Task<(WrapUpDisposition Row, DispositionDraft Draft)> DraftAsync(
        DispositionDrafter drafter, CallFactsLoader loader, WrapUpDispositionStore dispositions, string callId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await dispositions.GetAsync(callId, cancellationToken)
                ?? throw new InvalidOperationException($"The wrap-up of '{callId}' has no disposition row; its start writes one.");
            if (row.Draft is { } kept)
            {
                return (row, kept);
            }

            var facts = await loader.LoadAsync(callId, cancellationToken)
                ?? throw new InvalidOperationException($"The session of '{callId}' is gone; there is nothing to draft from.");
            row = await dispositions.KeepDraftAsync(callId, row.Trigger, drafter.Draft(facts, row.Trigger, row.HumanTookCall), cancellationToken);
            if (row.Draft is { } drafted)
            {
                return (row, drafted);
            }

            // The call's end came in between (a late end after an abandoned sweep): draft for it instead.
        }
    }
}
