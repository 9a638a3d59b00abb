using System.Collections.Concurrent;
using System.Diagnostics;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Observability;

namespace Connectors.Tests.Calls;

public sealed class AccountPrefetchHandlerTests
{
    private const string Caller = ScreenPopRig.Caller;

    [Fact]
    public async Task One_match_becomes_the_candidate_and_its_snapshot_is_cached_with_its_fetch_time()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 120.50m, Caller);
        await rig.ConnectAsync("CA1");
        rig.Clock.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Empty(await rig.RunQueuedAsync());
        var session = await rig.SessionAsync("CA1");

        Assert.Equal(CallerMatch.Candidate, session.Match);
        Assert.Equal("A1", session.SelectedAccountId);
        Assert.Equal(120.50m, session.Account!.Snapshot.Balance);
        Assert.Equal(rig.Clock.GetUtcNow(), session.Account.FetchedAt);
        Assert.Equal(AccountFetchStatus.Completed, session.Fetch!.Status);
        Assert.Equal(LookupOutcome.Candidate, session.Fetch.Outcome);
        Assert.Empty(session.Auth.Passes);
    }

    [Fact]
    public async Task Several_matches_leave_the_call_ambiguous_with_nothing_selected_or_fetched()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        rig.Crm.AddAccount("A2", "2002", 2m, Caller);
        await rig.ConnectAsync("CA1");

        await rig.RunQueuedAsync();
        var session = await rig.SessionAsync("CA1");

        Assert.Equal(CallerMatch.Ambiguous, session.Match);
        Assert.Equal(2, session.Candidates.Count);
        Assert.Null(session.SelectedAccountId);
        Assert.Null(session.Account);
        Assert.Equal(0, rig.Crm.SnapshotReads);
        Assert.Contains(session.Events, e => e.Kind == CallEventKinds.LookupCompleted && e.Detail == "ambiguous:2");
    }

    [Fact]
    public async Task No_match_makes_an_unknown_caller()
    {
        using var rig = new ScreenPopRig();
        await rig.ConnectAsync("CA1");

        await rig.RunQueuedAsync();
        var session = await rig.SessionAsync("CA1");

        Assert.Equal(CallerMatch.Unknown, session.Match);
        Assert.Empty(session.Candidates);
        Assert.Equal(1, rig.Crm.PhoneLookups);
        Assert.Equal(AccountFetchStatus.Completed, session.Fetch!.Status);
    }

    [Fact]
    public async Task A_withheld_number_without_ivr_digits_is_unknown_without_asking_the_crm()
    {
        using var rig = new ScreenPopRig();
        await rig.ConnectAsync("CA1", caller: "anonymous");

        await rig.RunQueuedAsync();

        Assert.Equal(CallerMatch.Unknown, (await rig.SessionAsync("CA1")).Match);
        Assert.Equal(0, rig.Crm.Requests);
    }

    [Fact]
    public async Task Ivr_digits_name_the_candidate_among_several_phone_matches()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        rig.Crm.AddAccount("A2", "2002", 2m, Caller);
        await rig.ConnectAsync("CA1", ivrDigits: "2002");

        await rig.RunQueuedAsync();
        var session = await rig.SessionAsync("CA1");

        Assert.Equal(CallerMatch.Candidate, session.Match);
        Assert.Equal("A2", session.SelectedAccountId);
        Assert.Equal(1, rig.Crm.PhoneLookups);
        Assert.Equal(1, rig.Crm.AccountNumberLookups);
    }

    [Fact]
    public async Task A_crm_outage_fails_the_fetch_with_its_reason_and_throws_so_the_queue_tries_again()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        rig.Crm.Failure = _ => new CrmUnavailableException(CrmKind.Salesforce, "timeout", outcomeUnknown: false);
        await rig.ConnectAsync("CA1");

        var failures = await rig.RunQueuedAsync();
        var session = await rig.SessionAsync("CA1");

        Assert.Single(failures);
        Assert.Equal(AccountFetchStatus.Failed, session.Fetch!.Status);
        Assert.Equal("timeout", session.Fetch.FailureReason);
        Assert.Equal(CallerMatch.Pending, session.Match);
        Assert.Contains(session.Events, e => e.Kind == CallEventKinds.FetchFailed && e.Detail == "timeout");
    }

    [Fact]
    public async Task A_redelivery_after_the_snapshot_failed_fetches_the_snapshot_without_looking_the_caller_up_again()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        rig.Crm.Failure = op => op == "get-account-snapshot" ? new CrmUnavailableException(CrmKind.Salesforce, "server-error", outcomeUnknown: false) : null;
        await rig.ConnectAsync("CA1");
        var item = Assert.Single(rig.Queue.TakeAll());
        await Assert.ThrowsAsync<CrmUnavailableException>(() => rig.Prefetch.HandleAsync(item, CancellationToken.None));
        var failed = await rig.SessionAsync("CA1");
        Assert.Equal(CallerMatch.Candidate, failed.Match);
        Assert.Null(failed.Account);

        rig.Crm.Failure = null;
        await rig.Prefetch.HandleAsync(item with { DeliveryCount = 2 }, CancellationToken.None);
        var session = await rig.SessionAsync("CA1");

        Assert.Equal(AccountFetchStatus.Completed, session.Fetch!.Status);
        Assert.NotNull(session.Account);
        Assert.Equal(1, rig.Crm.PhoneLookups);
        Assert.Equal(2, rig.Crm.SnapshotReads);
        Assert.Equal(2, session.Fetch.Attempts);
    }

    [Fact]
    public async Task A_message_handled_twice_asks_the_crm_once_and_writes_once()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        await rig.ConnectAsync("CA1");
        var item = Assert.Single(rig.Queue.TakeAll());

        await rig.Prefetch.HandleAsync(item, CancellationToken.None);
        var stored = await rig.StoredSessionETagAsync("CA1");
        var requests = rig.Crm.Requests;
        await rig.Prefetch.HandleAsync(item with { DeliveryCount = 2 }, CancellationToken.None);

        Assert.Equal(stored, await rig.StoredSessionETagAsync("CA1"));
        Assert.Equal(requests, rig.Crm.Requests);
        Assert.Equal(0, rig.Crm.Writes);
    }

    [Fact]
    public async Task Two_deliveries_racing_each_other_leave_one_lookup_result()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        await rig.ConnectAsync("CA1");
        var item = Assert.Single(rig.Queue.TakeAll());
        rig.Crm.Hold();

        var first = rig.Prefetch.HandleAsync(item, CancellationToken.None);
        var second = rig.Prefetch.HandleAsync(item with { DeliveryCount = 2 }, CancellationToken.None);
        rig.Crm.Release();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        var session = await rig.SessionAsync("CA1");

        Assert.Single(session.Events, e => e.Kind == CallEventKinds.LookupCompleted);
        Assert.Single(session.Events, e => e.Kind == CallEventKinds.SnapshotCached);
        Assert.Single(session.Candidates);
        Assert.Equal(1, session.Fetch!.Attempts);
        Assert.Equal(0, rig.Crm.Writes);
    }

    [Fact]
    public async Task A_superseded_generation_is_dropped_without_asking_the_crm()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        await rig.ConnectAsync("CA1");
        var stale = Assert.Single(rig.Queue.TakeAll());
        await rig.Scheduler.UpdateAsync("CA1", (s, now) => AccountFetchTransitions.RequestAccountNumberLookup(s, "1001", now), CancellationToken.None);

        await rig.Prefetch.HandleAsync(stale, CancellationToken.None);

        Assert.Equal(0, rig.Crm.Requests);
        Assert.Equal(AccountFetchStatus.Pending, (await rig.SessionAsync("CA1")).Fetch!.Status);
    }

    [Fact]
    public async Task A_rejection_fails_the_fetch_and_is_not_retried()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.Failure = _ => new CrmRejectedException(CrmKind.Zendesk, 401, "Unauthorized", "Couldn't authenticate you");
        await rig.ConnectAsync("CA1");

        Assert.Empty(await rig.RunQueuedAsync());
        var session = await rig.SessionAsync("CA1");

        Assert.Equal(AccountFetchStatus.Failed, session.Fetch!.Status);
        Assert.Equal("crm-rejected", session.Fetch.FailureReason);
    }

    [Fact]
    public async Task An_account_gone_before_its_snapshot_is_fetched_fails_as_missing()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        rig.Crm.Failure = op =>
        {
            if (op == "get-account-snapshot")
            {
                rig.Crm.RemoveAccount("A1");
            }

            return null;
        };
        await rig.ConnectAsync("CA1");

        Assert.Empty(await rig.RunQueuedAsync());
        var session = await rig.SessionAsync("CA1");

        Assert.Equal("account-missing", session.Fetch!.FailureReason);
        Assert.Null(session.Account);
    }

    [Fact]
    public async Task An_account_number_the_caller_gives_selects_the_candidate_it_names()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        rig.Crm.AddAccount("A2", "2002", 2m, Caller);
        await rig.ConnectAsync("CA1");
        await rig.RunQueuedAsync();
        await rig.Scheduler.UpdateAsync("CA1", (s, now) => AccountFetchTransitions.RequestAccountNumberLookup(s, "2002", now), CancellationToken.None);

        await rig.RunQueuedAsync();
        var session = await rig.SessionAsync("CA1");

        Assert.Equal(CallerMatch.Candidate, session.Match);
        Assert.Equal("A2", session.SelectedAccountId);
        Assert.Equal("A2", session.Account!.Snapshot.AccountId);
        Assert.Equal(2, session.Candidates.Count);
    }

    [Fact]
    public async Task A_slow_lookup_gets_a_second_read_beside_it_and_the_first_answer_wins()
    {
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        var phoneLookups = 0;
        rig.Crm.Latency = op => op == "find-by-phone" && Interlocked.Increment(ref phoneLookups) == 1 ? TimeSpan.FromMinutes(5) : TimeSpan.Zero;
        await rig.ConnectAsync("CA1");

        // The first phone lookup would take five minutes; the hedge answers, and the first is cancelled.
        Assert.Empty(await rig.AdvanceUntilDoneAsync(rig.RunQueuedAsync(), TimeSpan.FromMilliseconds(100)));
        var session = await rig.SessionAsync("CA1");

        Assert.Equal(CallerMatch.Candidate, session.Match);
        Assert.NotNull(session.Account);
        Assert.Equal(2, rig.Crm.PhoneLookups);
        Assert.Equal(1, rig.Crm.SnapshotReads);
        Assert.Contains(rig.Measurements(ScreenPopMetrics.LookupDurationName), m => (string?)m.Tags["operation"] == "find-by-phone" && (bool?)m.Tags["hedged"] == true);
    }

    [Fact]
    public async Task With_hedging_off_a_slow_lookup_is_sent_once()
    {
        using var rig = new ScreenPopRig(new() { ["Calls:LookupHedgeAfter"] = "00:00:00" });
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        rig.Crm.Latency = op => op == "find-by-phone" ? TimeSpan.FromMilliseconds(300) : TimeSpan.Zero;
        await rig.ConnectAsync("CA1");

        // Twenty seconds on the clock, well past any hedge delay, while the lookup is still out.
        Assert.Empty(await rig.AdvanceUntilDoneAsync(rig.RunQueuedAsync(), TimeSpan.FromSeconds(1), maxSteps: 20));
        Assert.Equal(1, rig.Crm.PhoneLookups);
    }

    [Fact]
    public async Task Lookups_and_outcomes_are_measured()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectorsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, Caller);
        await rig.ConnectAsync("CA1");
        await rig.ConnectAsync("CA2", caller: "+14155550000");
        rig.Crm.Failure = op => op == "find-by-phone" && rig.Crm.PhoneLookups > 2 ? new CrmUnavailableException(CrmKind.Salesforce, "circuit-open", false) : null;
        await rig.ConnectAsync("CA3");

        await rig.RunQueuedAsync();

        var outcomes = rig.Measurements(ScreenPopMetrics.PrefetchOutcomesName).Select(m => (string?)m.Tags["outcome"]).OrderBy(o => o).ToList();
        Assert.Equal(["candidate", "failed", "unknown"], outcomes);
        var lookups = rig.Measurements(ScreenPopMetrics.LookupDurationName);
        Assert.Equal(4, lookups.Count);
        Assert.Contains(lookups, m => (string?)m.Tags["operation"] == "find-by-phone" && (string?)m.Tags["outcome"] == "circuit-open");
        Assert.Contains(lookups, m => (string?)m.Tags["operation"] == "get-account-snapshot" && (string?)m.Tags["outcome"] == "ok");
        // The workbook's latency panels read the histogram by crm and outcome, and p50/p99 from the lookup spans.
        Assert.All(lookups, m => Assert.Equal("salesforce", (string?)m.Tags[MetricNames.TagCrm]));
        Assert.Contains(spans, span => span.OperationName == MetricNames.CrmLookupActivity && span.Kind == ActivityKind.Client
            && (string?)span.GetTagItem("operation") == "find-by-phone" && (string?)span.GetTagItem(MetricNames.TagOutcome) == "circuit-open" && span.Status == ActivityStatusCode.Error);
        Assert.Contains(spans, span => span.OperationName == MetricNames.CrmLookupActivity
            && (string?)span.GetTagItem("operation") == "get-account-snapshot" && (string?)span.GetTagItem(MetricNames.TagCrm) == "salesforce" && span.Status == ActivityStatusCode.Ok);
    }
}
