namespace Connectors.Core.Calls;

/// <summary>What the screen-pop lookups made of the caller so far.</summary>
public enum CallerMatch
{
    /// <summary>No lookup has answered yet.</summary>
    Pending,
    /// <summary>One account is selected: a candidate, trusted for nothing until a gate passes for it.</summary>
    Candidate,
    /// <summary>Several accounts matched and none is selected: the flow must ask for an account number.</summary>
    Ambiguous,
    /// <summary>Nothing matched (or the number was withheld and no account number was given).</summary>
    Unknown,
}
