namespace Connectors.Core.Calls;

/// <summary>
/// The latest CRM work the call asked for: a lookup or a snapshot refresh. Each request takes the
/// next <see cref="Generation"/>; a queued message of an older generation is stale and dropped, and
/// a completed generation is never done twice, which is what makes the prefetch safe to redeliver.
/// </summary>
public sealed record AccountFetch
{
    public required int Generation { get; init; }

    public required AccountFetchKind Kind { get; init; }

    public AccountFetchStatus Status { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>For <see cref="AccountFetchKind.AccountNumberLookup"/>: the number the caller gave.</summary>
    public string? AccountNumber { get; init; }

    /// <summary>What the lookup found, once it answered (a refresh has none). Kept when a later step fails, so a redelivery does not look up again.</summary>
    public LookupOutcome? Outcome { get; init; }

    /// <summary>Why it failed: the CRM's <c>timeout</c>, <c>circuit-open</c>, <c>server-error</c>..., <c>crm-rejected</c> or <c>account-missing</c>.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Attempts that reached the CRM, for the replay log.</summary>
    public int Attempts { get; init; }
}
