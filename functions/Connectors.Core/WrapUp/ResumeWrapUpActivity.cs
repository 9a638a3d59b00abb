using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>Takes a replayed wrap-up off the parked list before it goes on from the step it stopped at.</summary>
public sealed class ResumeWrapUpActivity : TaskActivity<string, bool>
{
    private readonly ParkedWrapUpStore _parked;

    public ResumeWrapUpActivity(ParkedWrapUpStore parked)
    {
        _parked = parked;
    }

    /// <summary>The engine's entry: activities get no cancellation token from it.</summary>
    public override Task<bool> RunAsync(TaskActivityContext context, string input) => ExecuteAsync(input, CancellationToken.None);

    /// <summary>The step itself; the Functions app's activity trigger calls this with its token.</summary>
    public async Task<bool> ExecuteAsync(string input, CancellationToken cancellationToken) =>
        await _parked.ReleaseAsync(input, cancellationToken);
}
