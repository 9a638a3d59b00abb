using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>Step 1: the call's facts (session and conversation); null when the call has no session. Reads only, so safe to repeat.</summary>
public sealed class LoadCallActivity : TaskActivity<string, CallFacts?>
{
    private readonly CallFactsLoader _loader;
    private readonly WrapUpJournal _journal;

    public LoadCallActivity(CallFactsLoader loader, WrapUpJournal journal)
    {
        _loader = loader;
        _journal = journal;
    }

    public override async Task<CallFacts?> RunAsync(TaskActivityContext context, string input)
    {
        // Activities get no cancellation token from the engine; the store's own timeouts bound the call.
        var facts = await _loader.LoadAsync(input, CancellationToken.None);
        if (facts is not null)
        {
            await _journal.StepDoneAsync(input, WrapUpSteps.Load, CancellationToken.None);
        }

        return facts;
    }
}
