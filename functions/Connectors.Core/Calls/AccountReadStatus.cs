namespace Connectors.Core.Calls;

/// <summary>How a gated read answered.</summary>
public enum AccountReadStatus
{
    /// <summary>The gate passed: the action's fields, as of the snapshot's fetch time.</summary>
    Ok,
    /// <summary>The lookup is still running after the read's share of the turn budget: say so and ask again.</summary>
    Pending,
    /// <summary>The gate did not pass (a 403 with the step-up hint).</summary>
    Denied,
    /// <summary>The CRM cannot answer (down, circuit open, too slow): offer a warm transfer.</summary>
    Degrade,
    /// <summary>Nobody matched the caller: nothing to read.</summary>
    UnknownCaller,
    /// <summary>Several accounts matched and none is selected: ask for an account number.</summary>
    Ambiguous,
}
