namespace Connectors.Core.Calls;

/// <summary>What one lookup found.</summary>
public enum LookupOutcome
{
    /// <summary>Exactly one account: now the selected candidate.</summary>
    Candidate,
    /// <summary>Several accounts and nothing to choose between them.</summary>
    Ambiguous,
    /// <summary>A caller lookup that matched nothing.</summary>
    Unknown,
    /// <summary>An account-number lookup that matched nothing; the call's match is unchanged.</summary>
    NotFound,
}
