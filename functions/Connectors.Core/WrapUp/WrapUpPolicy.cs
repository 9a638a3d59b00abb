namespace Connectors.Core.WrapUp;

/// <summary>The retry policy of every wrap-up step and the human's confirmation time, taken from <see cref="WrapUpOptions"/> at start.</summary>
public sealed record WrapUpPolicy(int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient, TimeSpan MaxRetryInterval, TimeSpan RetryDeadline, TimeSpan ConfirmationTimeout)
{
    public static WrapUpPolicy From(WrapUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WrapUpPolicy(options.MaxAttempts, options.FirstRetryInterval, options.BackoffCoefficient, options.MaxRetryInterval, options.RetryDeadline, options.ConfirmationTimeout);
    }
}
