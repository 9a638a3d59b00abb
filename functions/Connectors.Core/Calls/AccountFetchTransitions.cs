using Connectors.Core.Crm;

namespace Connectors.Core.Calls;

/// <summary>
/// Every change the screen-pop makes to a session, as pure functions for
/// <see cref="ICallSessionStore.UpdateAsync"/> (which may apply them more than once). A function that
/// returns null leaves the session alone: that is how a stale or repeated request does nothing.
/// </summary>
public static class AccountFetchTransitions
{
    /// <summary>The session a first connect creates: its caller lookup queued as generation 1.</summary>
    public static CallSession Connected(CallSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (session with { Fetch = Next(null, AccountFetchKind.CallerLookup, now) })
            .WithEvent(now, CallEventKinds.Connected, session.Platform)
            .WithEvent(now, CallEventKinds.LookupRequested, "caller");
    }

    public static CallSession RequestAccountNumberLookup(CallSession session, string accountNumber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (session with { Fetch = Next(session.Fetch, AccountFetchKind.AccountNumberLookup, now, accountNumber) })
            .WithEvent(now, CallEventKinds.LookupRequested, "account-number");
    }

    /// <summary>
    /// A write on the account changed it: the snapshot is dropped (never served again) and fetched
    /// anew; a lookup still running is asked again, as it may have read the account before the write.
    /// </summary>
    public static CallSession Invalidate(CallSession session, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var fetch = session.Fetch switch
        {
            { Status: AccountFetchStatus.Pending, Kind: not AccountFetchKind.SnapshotRefresh } running => Next(running, running.Kind, now, running.AccountNumber),
            _ when session.SelectedAccountId is not null => Next(session.Fetch, AccountFetchKind.SnapshotRefresh, now),
            _ => session.Fetch,
        };
        return (session with { Account = null, Fetch = fetch }).WithEvent(now, CallEventKinds.AccountInvalidated, reason);
    }

    /// <summary>
    /// Asks the CRM again when it is due: a failed fetch is retried, a missing or stale snapshot of the
    /// selected account is refreshed; never while a fetch is pending, and not more often than
    /// <see cref="CallsOptions.MinRefreshInterval"/>.
    /// </summary>
    public static CallSession? RefreshIfDue(CallSession session, DateTimeOffset now, CallsOptions options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var fetch = session.Fetch;
        if (fetch is null || fetch.Status == AccountFetchStatus.Pending
            || (fetch.CompletedAt is { } last && now - last < options.MinRefreshInterval))
        {
            return null;
        }

        if (fetch.Status == AccountFetchStatus.Failed && fetch.Outcome is null && fetch.Kind != AccountFetchKind.SnapshotRefresh)
        {
            return (session with { Fetch = Next(fetch, fetch.Kind, now, fetch.AccountNumber) })
                .WithEvent(now, CallEventKinds.LookupRequested, "retry:" + fetch.FailureReason);
        }

        if (session.SelectedAccountId is null || (CachedFor(session) is { } cached && now - cached.FetchedAt < options.SnapshotMaxAge))
        {
            return null;
        }

        return (session with { Fetch = Next(fetch, AccountFetchKind.SnapshotRefresh, now) })
            .WithEvent(now, CallEventKinds.RefreshRequested, CachedFor(session) is null ? "missing" : "stale");
    }

    /// <summary>Records what generation <paramref name="generation"/>'s lookup found; null when that generation is stale or done.</summary>
    public static CallSession? ApplyLookup(CallSession session, int generation, IReadOnlyList<CrmCandidate> found, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(found);
        if (!IsCurrent(session, generation) || session.Fetch!.Outcome is not null)
        {
            return null;
        }

        return session.Fetch.Kind switch
        {
            AccountFetchKind.CallerLookup => ApplyCallerLookup(session, found, now),
            AccountFetchKind.AccountNumberLookup => ApplyAccountNumberLookup(session, found, now),
            _ => null,
        };
    }

    /// <summary>Caches the selected account's snapshot and completes the generation.</summary>
    public static CallSession? Complete(CallSession session, int generation, AccountSnapshot? snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!IsCurrent(session, generation))
        {
            return null;
        }

        var completed = session with
        {
            Fetch = session.Fetch! with { Status = AccountFetchStatus.Completed, CompletedAt = now, FailureReason = null, Attempts = session.Fetch.Attempts + 1 },
        };
        if (snapshot is null || !string.Equals(snapshot.AccountId, session.SelectedAccountId, StringComparison.Ordinal))
        {
            return completed;
        }

        return (completed with { Account = new CachedAccount(snapshot, now) }).WithEvent(now, CallEventKinds.SnapshotCached);
    }

    /// <summary>Records why the generation failed; the lookup's outcome, when it got that far, is kept.</summary>
    public static CallSession? Fail(CallSession session, int generation, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!IsCurrent(session, generation))
        {
            return null;
        }

        return (session with
        {
            Fetch = session.Fetch! with { Status = AccountFetchStatus.Failed, CompletedAt = now, FailureReason = reason, Attempts = session.Fetch.Attempts + 1 },
        }).WithEvent(now, CallEventKinds.FetchFailed, reason);
    }

    /// <summary>True while generation <paramref name="generation"/> is the session's latest and not yet completed.</summary>
    public static bool IsCurrent(CallSession session, int generation) =>
        session?.Fetch is { } fetch && fetch.Generation == generation && fetch.Status != AccountFetchStatus.Completed;

    /// <summary>The cached snapshot when it is of the selected account; a snapshot of any other account is never used.</summary>
    public static CachedAccount? CachedFor(CallSession session) =>
        session?.Account is { } cached && session.SelectedAccountId is { } selected && string.Equals(cached.Snapshot.AccountId, selected, StringComparison.Ordinal)
            ? cached
            : null;

    private static CallSession ApplyCallerLookup(CallSession session, IReadOnlyList<CrmCandidate> candidates, DateTimeOffset now)
    {
        var outcome = CandidateMatcher.OutcomeOf(candidates);
        var selected = outcome == LookupOutcome.Candidate ? candidates[0].AccountId : null;
        var match = outcome switch
        {
            LookupOutcome.Candidate => CallerMatch.Candidate,
            LookupOutcome.Ambiguous => CallerMatch.Ambiguous,
            _ => CallerMatch.Unknown,
        };
        return Select(session with { Candidates = candidates, Match = match, Fetch = session.Fetch! with { Outcome = outcome } }, selected)
            .WithEvent(now, CallEventKinds.LookupCompleted, outcome == LookupOutcome.Ambiguous ? $"ambiguous:{candidates.Count}" : Code(outcome));
    }

    private static CallSession ApplyAccountNumberLookup(CallSession session, IReadOnlyList<CrmCandidate> found, DateTimeOffset now)
    {
        var chosen = CandidateMatcher.ForAccountNumber(session.Candidates, found);
        if (chosen is not null)
        {
            var candidates = session.Candidates.Any(c => c.AccountId == chosen.AccountId) ? session.Candidates : [.. session.Candidates, chosen];
            return Select(session with { Candidates = candidates, Match = CallerMatch.Candidate, Fetch = session.Fetch! with { Outcome = LookupOutcome.Candidate } }, chosen.AccountId)
                .WithEvent(now, CallEventKinds.AccountSelected, "account-number");
        }

        var outcome = found.Count == 0 ? LookupOutcome.NotFound : LookupOutcome.Ambiguous;
        var changed = session with { Fetch = session.Fetch! with { Outcome = outcome } };
        if (session.SelectedAccountId is null)
        {
            // Nothing selected before and nothing now: the call is as unknown or as ambiguous as this lookup leaves it.
            changed = outcome == LookupOutcome.NotFound
                ? changed with { Match = session.Match == CallerMatch.Pending ? CallerMatch.Unknown : session.Match }
                : changed with { Match = CallerMatch.Ambiguous, Candidates = session.Candidates.Count > 1 ? session.Candidates : found };
        }

        return changed.WithEvent(now, CallEventKinds.LookupCompleted, Code(outcome));
    }

    /// <summary>Selects <paramref name="accountId"/>; a snapshot of any other account is dropped.</summary>
    private static CallSession Select(CallSession session, string? accountId) =>
        session with
        {
            SelectedAccountId = accountId,
            Account = session.Account is { } cached && string.Equals(cached.Snapshot.AccountId, accountId, StringComparison.Ordinal) ? cached : null,
        };

    private static AccountFetch Next(AccountFetch? previous, AccountFetchKind kind, DateTimeOffset now, string? accountNumber = null) => new()
    {
        Generation = (previous?.Generation ?? 0) + 1,
        Kind = kind,
        Status = AccountFetchStatus.Pending,
        RequestedAt = now,
        AccountNumber = accountNumber,
    };

    private static string Code(LookupOutcome outcome) => outcome switch
    {
        LookupOutcome.Candidate => "candidate",
        LookupOutcome.Ambiguous => "ambiguous",
        LookupOutcome.Unknown => "unknown",
        _ => "not-found",
    };
}
