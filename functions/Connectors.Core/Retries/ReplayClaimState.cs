namespace Connectors.Core.Retries;

/// <summary>What <see cref="RequestReplayStore.ClaimAsync"/> found under a sender's request id.</summary>
public enum ReplayClaimState
{
    /// <summary>The id is new (or its row expired, or its first claimer died): this request runs and records its answer.</summary>
    Claimed,

    /// <summary>A retry of an answered request: its first answer is stored.</summary>
    Answered,

    /// <summary>A retry of a request whose answer is not stored (it holds what no table may): run it again, its handler is idempotent.</summary>
    Rerun,

    /// <summary>The first request with this id is still being answered.</summary>
    InProgress,

    /// <summary>The id was used for a different request (another body).</summary>
    Mismatch,
}
