namespace Connectors.Core.Calls;

public enum AccountFetchKind
{
    /// <summary>On connect: look the caller up by number and IVR account number, then fetch a lone match's snapshot.</summary>
    CallerLookup,
    /// <summary>The caller gave an account number: look it up, select the match, fetch its snapshot.</summary>
    AccountNumberLookup,
    /// <summary>Fetch the selected account's snapshot again (stale, or invalidated by a write).</summary>
    SnapshotRefresh,
}
