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

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<CallFacts?> RunAsync(TaskActivityContext context, string input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<CallFacts?> ExecuteAsync(string input, CancellationToken cancellationToken)
    {
        var facts = await _loader.LoadAsync(input, cancellationToken);
        if (facts is not null)
        {
            await _journal.StepDoneAsync(input, WrapUpSteps.Load, cancellationToken);
        }

        return facts;
    }
}
