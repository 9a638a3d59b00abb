using Microsoft.DurableTask;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The retry policy of every wrap-up activity: exponential, capped, with a total deadline (<see cref="WrapUpOptions"/>),
/// and only for a transient failure (<see cref="TransientFailure"/>); a bug fails the step at its first attempt.
/// </summary>
public static class WrapUpRetryPolicy
{
    public static TaskOptions For(WrapUpPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return TaskOptions.FromRetryPolicy(new RetryPolicy(
            policy.MaxAttempts,
            policy.FirstRetryInterval,
            policy.BackoffCoefficient,
            policy.MaxRetryInterval,
            policy.RetryDeadline)
        {
            HandleFailure = TransientFailure.Is,
        });
    }
}
