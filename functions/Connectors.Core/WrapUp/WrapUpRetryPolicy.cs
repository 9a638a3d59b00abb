using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>The retry policy of every wrap-up activity: exponential, capped, with a total deadline (<see cref="WrapUpOptions"/>).</summary>
public static class WrapUpRetryPolicy
{
    public static TaskOptions For(WrapUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TaskOptions.FromRetryPolicy(new RetryPolicy(
            options.MaxAttempts,
            options.FirstRetryInterval,
            options.BackoffCoefficient,
            options.MaxRetryInterval,
            options.RetryDeadline));
    }
}
