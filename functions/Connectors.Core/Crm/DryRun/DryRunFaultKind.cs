namespace Connectors.Core.Crm.DryRun;

/// <summary>How a dry run's write fails when a scenario asks it to, as the CRM would fail it.</summary>
public enum DryRunFaultKind
{
    /// <summary>429 with <c>Retry-After: 1</c>; nothing written.</summary>
    Throttle,

    /// <summary>The write is recorded, then no answer comes: the client's attempt timeout gives up and retries under the same key.</summary>
    TimeoutAfterCommit,

    /// <summary>503; nothing written.</summary>
    Outage,
}
