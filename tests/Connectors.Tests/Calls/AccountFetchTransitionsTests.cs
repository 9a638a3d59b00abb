using Connectors.Core.Calls;
using Connectors.Core.Crm;

namespace Connectors.Tests.Calls;

public sealed class AccountFetchTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly CallsOptions Options = new();

    [Fact]
    public void A_write_during_a_running_lookup_drops_the_snapshot_and_asks_the_lookup_again()
    {
        var running = Selected() with
        {
            Fetch = new AccountFetch { Generation = 4, Kind = AccountFetchKind.AccountNumberLookup, RequestedAt = Now, AccountNumber = "2002" },
        };

        var invalidated = AccountFetchTransitions.Invalidate(running, "payment-logged", Now);

        Assert.Null(invalidated.Account);
        Assert.Equal(5, invalidated.Fetch!.Generation);
        Assert.Equal(AccountFetchKind.AccountNumberLookup, invalidated.Fetch.Kind);
        Assert.Equal("2002", invalidated.Fetch.AccountNumber);
        Assert.Equal(new CallEvent(Now, CallEventKinds.AccountInvalidated, "payment-logged"), invalidated.Events[^1]);
    }

    [Fact]
    public void A_write_on_a_call_without_an_account_changes_nothing_but_the_log()
    {
        var unknown = new CallSession
        {
            CallId = "CA1",
            Platform = "twilio",
            ConnectedAt = Now,
            Match = CallerMatch.Unknown,
            Fetch = new AccountFetch { Generation = 1, Kind = AccountFetchKind.CallerLookup, Status = AccountFetchStatus.Completed, RequestedAt = Now },
        };

        var invalidated = AccountFetchTransitions.Invalidate(unknown, "payment-logged", Now);

        Assert.Equal(unknown.Fetch, invalidated.Fetch);
        Assert.Single(invalidated.Events);
    }

    [Fact]
    public void A_refresh_is_not_asked_while_a_fetch_runs_nor_sooner_than_the_interval_nor_for_a_fresh_snapshot()
    {
        var fresh = Selected();
        var stale = Selected();

        Assert.Null(AccountFetchTransitions.RefreshIfDue(fresh, Now + TimeSpan.FromMinutes(1), Options));
        Assert.Null(AccountFetchTransitions.RefreshIfDue(stale with { Fetch = stale.Fetch! with { Status = AccountFetchStatus.Pending } }, Now + TimeSpan.FromMinutes(6), Options));
        Assert.Null(AccountFetchTransitions.RefreshIfDue(stale with { Fetch = stale.Fetch! with { CompletedAt = Now + TimeSpan.FromMinutes(6) } }, Now + TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(5), Options));
        var refreshed = AccountFetchTransitions.RefreshIfDue(stale, Now + TimeSpan.FromMinutes(6), Options);
        Assert.Equal(AccountFetchKind.SnapshotRefresh, refreshed!.Fetch!.Kind);
        Assert.Equal(2, refreshed.Fetch.Generation);
        Assert.Equal(stale.Account, refreshed.Account);
    }

    [Fact]
    public void A_snapshot_of_any_account_but_the_selected_one_is_never_used()
    {
        var session = Selected() with { SelectedAccountId = "A2" };

        Assert.Null(AccountFetchTransitions.CachedFor(session));
        var refreshed = AccountFetchTransitions.RefreshIfDue(session with { Fetch = session.Fetch! with { CompletedAt = Now - TimeSpan.FromMinutes(1) } }, Now, Options);
        Assert.Equal(new CallEvent(Now, CallEventKinds.RefreshRequested, "missing"), refreshed!.Events[^1]);
    }

    [Fact]
    public void A_completed_generation_and_a_superseded_one_change_nothing()
    {
        var session = Selected();

        Assert.Null(AccountFetchTransitions.Complete(session, 1, session.Account!.Snapshot, Now));
        Assert.Null(AccountFetchTransitions.Fail(session, 1, "timeout", Now));
        Assert.Null(AccountFetchTransitions.ApplyLookup(session, 0, [], Now));
    }

    [Fact]
    public void Choosing_another_account_drops_the_snapshot_of_the_first()
    {
        var session = Selected() with
        {
            Fetch = new AccountFetch { Generation = 2, Kind = AccountFetchKind.AccountNumberLookup, RequestedAt = Now, AccountNumber = "2002" },
        };

        var chosen = AccountFetchTransitions.ApplyLookup(session, 2, [new CrmCandidate("A2", "Two", "account-number")], Now)!;

        Assert.Equal("A2", chosen.SelectedAccountId);
        Assert.Null(chosen.Account);
        Assert.Equal(LookupOutcome.Candidate, chosen.Fetch!.Outcome);
        Assert.Equal(AccountFetchStatus.Pending, chosen.Fetch.Status);
    }

    private static CallSession Selected() => new()
    {
        CallId = "CA1",
        Platform = "twilio",
        ConnectedAt = Now,
        Match = CallerMatch.Candidate,
        Candidates = [new CrmCandidate("A1", "One", "phone")],
        SelectedAccountId = "A1",
        Account = new CachedAccount(new AccountSnapshot { AccountId = "A1", DisplayName = "One", Balance = 1m }, Now),
        Fetch = new AccountFetch { Generation = 1, Kind = AccountFetchKind.CallerLookup, Status = AccountFetchStatus.Completed, RequestedAt = Now, CompletedAt = Now, Outcome = LookupOutcome.Candidate },
    };
}
