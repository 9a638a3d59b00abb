namespace Connectors.Core.Calls;

/// <summary>The kinds of <see cref="CallEvent"/> the screen-pop writes, for replay. Details are codes and counts, never PII.</summary>
public static class CallEventKinds
{
    public const string Connected = "connected";
    public const string LookupRequested = "lookup-requested";
    public const string LookupCompleted = "lookup-completed";
    public const string AccountSelected = "account-selected";
    public const string SnapshotCached = "snapshot-cached";
    public const string FetchFailed = "fetch-failed";
    public const string RefreshRequested = "refresh-requested";
    public const string AccountInvalidated = "account-invalidated";
    public const string AccountRead = "account-read";
    public const string ReadDegraded = "read-degraded";
    public const string Ended = "ended";
}
