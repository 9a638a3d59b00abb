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

    public override async Task<bool> RunAsync(TaskActivityContext context, string input) =>
        await _parked.ReleaseAsync(input, CancellationToken.None);
}
