using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// Step 1: is there a call to wrap up (a session)? Reads only, so safe to repeat. It answers a yes or no, never the
/// call's facts: each later step reads what it needs itself, so the history holds no transcript and no account field.
/// </summary>
public sealed class LoadCallActivity : TaskActivity<string, bool>
{
    private readonly CallFactsLoader _loader;
    private readonly WrapUpJournal _journal;

    public LoadCallActivity(CallFactsLoader loader, WrapUpJournal journal)
    {
        _loader = loader;
        _journal = journal;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<bool> RunAsync(TaskActivityContext context, string input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<bool> ExecuteAsync(string input, CancellationToken cancellationToken)
    {
        var facts = await _loader.LoadAsync(input, cancellationToken);
        if (facts is null)
        {
            return false;
        }

        await _journal.StepDoneAsync(input, WrapUpSteps.Load, cancellationToken);
        return true;
    }
}
