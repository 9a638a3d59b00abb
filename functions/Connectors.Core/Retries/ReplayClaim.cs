namespace Connectors.Core.Retries;

/// <summary>
/// The outcome of claiming a request id: its state, and for <see cref="ReplayClaimState.Claimed"/> the row's ETag (the
/// answer is written back under it, so a claimer that was taken over cannot overwrite its successor's answer).
/// </summary>
public sealed record ReplayClaim(ReplayClaimState State, string PartitionKey, string RowKey, string ETag, StoredAnswer? Answer = null);
