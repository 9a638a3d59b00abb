using Connectors.Core.Auth;

namespace Connectors.Core.Calls;

/// <summary>
/// A call's session as the flow and an operator may see it: where the lookup stands and how far the
/// caller has climbed, with no account field (those leave only through a gated read).
/// </summary>
public sealed record CallSummary
{
    /// <summary>The latest events kept in a summary; <see cref="EventCount"/> says how many there are in all.</summary>
    public const int MaxEvents = 50;

    public required string CallId { get; init; }

    public required string Platform { get; init; }

    public bool DryRun { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The caller's number masked to its last four digits; null when withheld.</summary>
    public string? CallerMasked { get; init; }

    public bool IvrDigitsGiven { get; init; }

    public CallerMatch Match { get; init; }

    public int CandidateCount { get; init; }

    public bool AccountSelected { get; init; }

    /// <summary>
    /// The selected account as an opaque reference bound to this call (<see cref="Auth.StepUpKeyring.AccountReference"/>):
    /// what a voice-biometric vendor names as the verdict's <c>accountId</c>. Null until an account is selected.
    /// </summary>
    public string? AccountReference { get; init; }

    public AccountFetchKind? FetchKind { get; init; }

    public AccountFetchStatus? FetchStatus { get; init; }

    public string? FetchReason { get; init; }

    /// <summary>When the selected account's snapshot was fetched; null when none is cached.</summary>
    public DateTimeOffset? SnapshotAsOf { get; init; }

    /// <summary>The level proved for the selected account (proofs for other accounts do not count).</summary>
    public AssuranceLevel AssuranceLevel { get; init; }

    public IReadOnlyList<AuthMethod> Methods { get; init; } = [];

    public int EventCount { get; init; }

    public IReadOnlyList<CallEvent> Events { get; init; } = [];

    public static CallSummary Of(CallSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new CallSummary
        {
            CallId = session.CallId,
            Platform = session.Platform,
            DryRun = session.DryRun,
            ConnectedAt = session.ConnectedAt,
            EndedAt = session.EndedAt,
            CallerMasked = session.CallerE164 is null ? null : PhoneNumber.MaskDigits(session.CallerE164),
            IvrDigitsGiven = session.IvrAccountNumber is not null,
            Match = session.Match,
            CandidateCount = session.Candidates.Count,
            AccountSelected = session.SelectedAccountId is not null,
            FetchKind = session.Fetch?.Kind,
            FetchStatus = session.Fetch?.Status,
            FetchReason = session.Fetch?.FailureReason,
            SnapshotAsOf = AccountFetchTransitions.CachedFor(session)?.FetchedAt,
            AssuranceLevel = session.Auth.LevelFor(session.SelectedAccountId),
            Methods = session.SelectedAccountId is null ? [] : [.. session.Auth.MethodsPassedFor(session.SelectedAccountId)],
            EventCount = session.Events.Count,
            Events = session.Events.Count <= MaxEvents ? session.Events : [.. session.Events.Skip(session.Events.Count - MaxEvents)],
        };
    }
}
