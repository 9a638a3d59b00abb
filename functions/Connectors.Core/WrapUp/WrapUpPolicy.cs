namespace Connectors.Core.WrapUp;

/// <summary>The retry policy of every wrap-up step, the human's confirmation time and the replay wait, taken from <see cref="WrapUpOptions"/> at start.</summary>
public sealed record WrapUpPolicy(int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient, TimeSpan MaxRetryInterval, TimeSpan RetryDeadline, TimeSpan ConfirmationTimeout)
{
    /// <summary>How long a parked run waits for a replay before it starts a fresh history and waits again; absent from inputs of older runs.</summary>
    public TimeSpan? ReplayWait { get; init; }

    public static WrapUpPolicy From(WrapUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WrapUpPolicy(options.MaxAttempts, options.FirstRetryInterval, options.BackoffCoefficient, options.MaxRetryInterval, options.RetryDeadline, options.ConfirmationTimeout)
        {
            ReplayWait = options.ReplayWait,
        };
    }
}
