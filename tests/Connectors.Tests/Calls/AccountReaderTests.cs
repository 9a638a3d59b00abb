using Connectors.Core.Auth;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Calls;

/// <summary>The read under the turn budget, on a fake clock: served from cache, after waiting, pending, degraded.</summary>
public sealed class AccountReaderTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task A_cached_snapshot_is_served_at_once_as_of_its_fetch_time()
    {
        using var rig = await CandidateWithKnowledgeAsync();
        var fetchedAt = (await rig.SessionAsync("CA1")).Account!.FetchedAt;
        rig.Clock.Advance(TimeSpan.FromSeconds(3));

        var result = await rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);

        Assert.Equal(AccountReadStatus.Ok, result.Status);
        Assert.Equal("cache", result.Served);
        Assert.Equal(fetchedAt, result.AsOf);
        Assert.False(result.Stale);
        Assert.Equal(120.50m, result.Fields.Single(f => f.Key == "balance").Value);
        Assert.Contains((await rig.SessionAsync("CA1")).Events, e => e.Kind == CallEventKinds.AccountRead && e.Detail == "balance");
    }

    [Fact]
    public async Task A_read_waits_for_a_running_lookup_and_is_served_when_it_lands()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 120.50m, ScreenPopRig.Caller);
        await rig.ConnectAsync("CA1");
        await rig.PassAsync("CA1", AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A1");

        var read = rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);
        var poll = new CallsOptions().PollInterval;
        await Wait.UntilAsync(() => rig.Timers.Requested.Contains(poll), "the read to set a timer to look at the session again");
        Assert.False(read.IsCompleted);
        await rig.RunQueuedAsync();
        var result = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AccountReadStatus.Ok, result.Status);
        Assert.Equal("waited", result.Served);
    }

    [Fact]
    public async Task A_lookup_still_running_after_the_wait_share_answers_pending()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 120.50m, ScreenPopRig.Caller);
        await rig.ConnectAsync("CA1");
        var started = rig.Clock.GetUtcNow();

        var result = await rig.AdvanceUntilDoneAsync(rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None), Step);

        Assert.Equal(AccountReadStatus.Pending, result.Status);
        Assert.Equal("lookup-running", result.Reason);
        Assert.Empty(result.Fields);
        var options = rig.Get<IOptions<CallsOptions>>().Value;
        Assert.InRange(rig.Clock.GetUtcNow() - started, options.PrefetchWait, options.TurnBudget);
    }

    [Fact]
    public async Task A_failed_lookup_degrades_with_its_reason_and_the_session_records_it_once()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.Failure = _ => new CrmUnavailableException(CrmKind.Salesforce, "circuit-open", outcomeUnknown: false);
        await rig.ConnectAsync("CA1");
        await rig.RunQueuedAsync();

        var first = await rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);
        var second = await rig.Reader.ReadAsync("CA1", "payment", CancellationToken.None);

        Assert.Equal(AccountReadStatus.Degrade, first.Status);
        Assert.Equal("circuit-open", first.Reason);
        Assert.Equal("degraded", first.Served);
        Assert.Equal(AccountReadStatus.Degrade, second.Status);
        Assert.Single((await rig.SessionAsync("CA1")).Events, e => e.Kind == CallEventKinds.ReadDegraded && e.Detail == "circuit-open");
    }

    [Fact]
    public async Task A_failed_lookup_is_asked_again_by_a_read_once_the_retry_interval_has_passed()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.Failure = _ => new CrmUnavailableException(CrmKind.Salesforce, "server-error", outcomeUnknown: false);
        await rig.ConnectAsync("CA1");
        await rig.RunQueuedAsync();

        await rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);
        Assert.Empty(rig.Queue.TakeAll());
        rig.Clock.Advance(TimeSpan.FromSeconds(11));
        await rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);

        var retry = Assert.Single(rig.Queue.TakeAll());
        Assert.Equal(AccountFetchMessage.MessageIdFor("CA1", 2), retry.MessageId);
        Assert.Equal(AccountFetchKind.CallerLookup, (await rig.SessionAsync("CA1")).Fetch!.Kind);
    }

    [Fact]
    public async Task An_overdue_lookup_degrades_as_crm_slow_and_is_sent_again()
    {
        using var rig = new ScreenPopRig();
        await rig.ConnectAsync("CA1");
        var first = Assert.Single(rig.Queue.TakeAll());
        rig.Clock.Advance(TimeSpan.FromSeconds(7));

        var result = await rig.AdvanceUntilDoneAsync(rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None), Step);

        Assert.Equal(AccountReadStatus.Degrade, result.Status);
        Assert.Equal("crm-slow", result.Reason);
        Assert.Equal(first.MessageId, Assert.Single(rig.Queue.TakeAll()).MessageId);
    }

    [Fact]
    public async Task A_stale_snapshot_is_served_as_of_and_refreshed_in_the_background()
    {
        using var rig = await CandidateWithKnowledgeAsync();
        var fetchedAt = (await rig.SessionAsync("CA1")).Account!.FetchedAt;
        rig.Crm.SetBalance("A1", 99m);
        rig.Clock.Advance(TimeSpan.FromMinutes(6));

        var stale = await rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);
        Assert.Equal(AccountReadStatus.Ok, stale.Status);
        Assert.True(stale.Stale);
        Assert.Equal(fetchedAt, stale.AsOf);
        Assert.Equal(120.50m, stale.Fields.Single(f => f.Key == "balance").Value);
        Assert.Equal(AccountFetchKind.SnapshotRefresh, (await rig.SessionAsync("CA1")).Fetch!.Kind);

        await rig.RunQueuedAsync();
        var fresh = await rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);

        Assert.False(fresh.Stale);
        Assert.Equal(rig.Clock.GetUtcNow(), fresh.AsOf);
        Assert.Equal(99m, fresh.Fields.Single(f => f.Key == "balance").Value);
    }

    [Fact]
    public async Task An_invalidated_snapshot_is_never_served_and_the_refresh_is_queued()
    {
        using var rig = await CandidateWithKnowledgeAsync();
        await rig.Scheduler.UpdateAsync("CA1", (s, now) => AccountFetchTransitions.Invalidate(s, "payment-logged", now), CancellationToken.None);

        var result = await rig.AdvanceUntilDoneAsync(rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None), Step);

        Assert.Equal(AccountReadStatus.Pending, result.Status);
        Assert.Empty(result.Fields);
        var refresh = Assert.Single(rig.Queue.TakeAll());
        Assert.Equal(AccountFetchMessage.MessageIdFor("CA1", 2), refresh.MessageId);
    }

    [Fact]
    public async Task A_read_the_gate_refuses_does_not_wait_for_a_refresh()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 120.50m, ScreenPopRig.Caller);
        await rig.ConnectAsync("CA1");
        await rig.RunQueuedAsync();
        await rig.Scheduler.UpdateAsync("CA1", (s, now) => AccountFetchTransitions.Invalidate(s, "payment-logged", now), CancellationToken.None);

        // The fake clock does not move: a read that waited would never finish.
        var result = await rig.Reader.ReadAsync("CA1", "payment", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AccountReadStatus.Denied, result.Status);
        Assert.Equal(AssuranceLevel.Possession, result.Gate!.RequiredLevel);
    }

    [Fact]
    public async Task An_unknown_action_is_denied_without_reading_the_session()
    {
        using var rig = new ScreenPopRig();

        var result = await rig.Reader.ReadAsync("CA-none", "close-account", CancellationToken.None);

        Assert.Equal(AccountReadStatus.Denied, result.Status);
        Assert.Equal(Core.Auth.Policy.AccountGateVerdict.UnknownAction, result.Gate!.Verdict);
        Assert.Null(await rig.Sessions.GetAsync("CA-none", CancellationToken.None));
    }

    [Fact]
    public async Task Reads_are_counted_by_how_they_were_served()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 120.50m, ScreenPopRig.Caller);
        await rig.ConnectAsync("CA1");
        await rig.AdvanceUntilDoneAsync(rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None), Step);
        await rig.RunQueuedAsync();
        await rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);
        await rig.PassAsync("CA1", AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A1");
        await rig.Reader.ReadAsync("CA1", "balance", CancellationToken.None);

        var served = rig.Measurements(ScreenPopMetrics.AccountReadsName).Select(m => (string?)m.Tags["served"]).ToList();

        Assert.Equal(["pending", "denied", "cache"], served);
    }

    [Fact]
    public void The_answer_for_an_ambiguous_or_unknown_caller_carries_no_field_whatever_was_proved()
    {
        var options = new CallsOptions();
        var policy = new Core.Auth.Policy.AccountPolicyOptions { Actions = Core.Auth.Policy.AccountPolicyDefaults.Seed() };
        var now = DateTimeOffset.UnixEpoch;
        var snapshot = new AccountSnapshot { AccountId = "A1", DisplayName = "Holder", Balance = 5m };
        foreach (var match in new[] { CallerMatch.Ambiguous, CallerMatch.Unknown })
        {
            var session = new CallSession
            {
                CallId = "CA1",
                Platform = "twilio",
                ConnectedAt = now,
                Match = match,
                Account = new CachedAccount(snapshot, now),
                Fetch = new AccountFetch { Generation = 1, Kind = AccountFetchKind.CallerLookup, Status = AccountFetchStatus.Completed, RequestedAt = now },
                Auth = new AuthState().WithPass(new AuthPass(AuthMethod.VoiceBiometric, AssuranceLevel.Biometric, "A1", now)),
            };

            var result = AccountReader.Decide(session, Core.Auth.Policy.AccountGate.Decide(policy, session, "balance"), new FetchWait(session, false, false), now, options);

            Assert.Equal(match == CallerMatch.Ambiguous ? AccountReadStatus.Ambiguous : AccountReadStatus.UnknownCaller, result.Status);
            Assert.Empty(result.Fields);
        }
    }

    private static async Task<ScreenPopRig> CandidateWithKnowledgeAsync()
    {
        var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 120.50m, ScreenPopRig.Caller);
        await rig.ConnectAsync("CA1");
        await rig.RunQueuedAsync();
        await rig.PassAsync("CA1", AuthMethod.KnowledgeCheck, AssuranceLevel.Knowledge, "A1");
        return rig;
    }
}
