namespace Connectors.Core.Calls;

public enum AccountFetchStatus
{
    /// <summary>Queued or running.</summary>
    Pending,
    Completed,
    /// <summary>The CRM failed it; <see cref="AccountFetch.FailureReason"/> says how. Redelivery may still complete it.</summary>
    Failed,
}
