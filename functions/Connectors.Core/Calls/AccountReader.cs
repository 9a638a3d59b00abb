using Connectors.Core.Auth.Policy;
using Connectors.Core.Http;
using Connectors.Core.Observability;
using Connectors.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Calls;

/// <summary>
/// The gated account read, answered within the turn budget whatever the CRM is doing. It never
/// calls the CRM: it reads the session the prefetch filled, waits a bounded share of the budget
/// for a lookup still running, and otherwise says "pending" or "degrade". Fields leave only through
/// <see cref="AccountGate"/>, for the selected account, as of their fetch time.
/// </summary>
public sealed class AccountReader
{
    private readonly AccountFetchWaiter _waiter;
    private readonly AccountFetchScheduler _scheduler;
    private readonly AccountGate _gate;
    private readonly IOptionsMonitor<CallsOptions> _options;
    private readonly ScreenPopMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CallActivity _activity;

    public AccountReader(
        AccountFetchWaiter waiter,
        AccountFetchScheduler scheduler,
        AccountGate gate,
        IOptionsMonitor<CallsOptions> options,
        ScreenPopMetrics metrics,
        TimeProvider time,
        ILogger<AccountReader> logger,
        CallActivity activity)
    {
        _activity = activity;
        _waiter = waiter;
        _scheduler = scheduler;
        _gate = gate;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Throws a 404 problem when the call has no session.</summary>
    public async Task<AccountReadResult> ReadAsync(string callId, string action, CancellationToken cancellationToken)
    {
        CallId.Validate(callId);
        ArgumentNullException.ThrowIfNull(action);
        var options = _options.CurrentValue;
        if (!_gate.IsKnownAction(action))
        {
            _metrics.RecordRead("denied");
            return new AccountReadResult { Status = AccountReadStatus.Denied, Served = "denied", Gate = new AccountGateDecision { Verdict = AccountGateVerdict.UnknownAction, Action = action } };
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object> { [ConnectorsTelemetry.CallIdScopeKey] = callId });
        using var budget = new CancellationTokenSource(options.TurnBudget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        AccountReadResult result;
        CallSession? session;
        try
        {
            if (await DecideAndRecordAsync(callId, action, options, linked.Token) is { } settled)
            {
                _metrics.RecordRead(settled.Served);
                return settled;
            }

            var wait = await _waiter.WaitAsync(callId, s => NeedsWait(s, _gate.Decide(s, action)), options.PrefetchWait, linked.Token);
            session = wait.Session ?? throw new ProblemException(404, "call-not-found", "Call not found",
                $"No call '{callId}' has connected; POST /api/calls/{callId}/connect first.");
            result = Decide(session, _gate.Decide(session, action), wait, _time.GetUtcNow(), options);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Account read for {Action} ran out of its {BudgetMs} ms budget waiting on the session store", action, (long)options.TurnBudget.TotalMilliseconds);
            _metrics.RecordRead("degraded");
            return new AccountReadResult { Status = AccountReadStatus.Degrade, Served = "degraded", Reason = "state-store-slow" };
        }

        _metrics.RecordRead(result.Served);
        await FollowUpAsync(session, action, result, options, linked.Token, budget);
        // A read is activity: the caller is on the line even if nothing else is written.
        await _activity.NoteAsync(session, cancellationToken);
        return result;
    }

    /// <summary>
    /// The read with nothing to wait for (the prefetch is done), decided and recorded in one conditional session write:
    /// one storage round trip when this instance holds the session's current version, the answer valid because the
    /// write under that version's ETag succeeded (a read that records nothing is decided on one fresh read). Null when
    /// the read has to wait, or the record cannot be written: the waiting path then answers.
    /// </summary>
    private async Task<AccountReadResult?> DecideAndRecordAsync(string callId, string action, CallsOptions options, CancellationToken cancellationToken)
    {
        AccountReadResult? decided = null;
        try
        {
            var written = await _scheduler.UpdateAsync(callId, (s, now) =>
            {
                var gate = _gate.Decide(s, action);
                decided = NeedsWait(s, gate) ? null : Decide(s, gate, new FetchWait(s, Waited: false, TimedOut: false), now, options);
                // An overdue lookup is sent again by the waiting path, which knows how.
                if (decided is null || decided.Reason == "crm-slow")
                {
                    decided = null;
                    return null;
                }

                // The read is activity too: its mark, when due, rides on this same write.
                var recorded = Recorded(s, action, decided, now, options);
                return _activity.MarkIfDue(recorded ?? s, now) ?? recorded;
            }, cancellationToken);
            return written is null ? null : decided;
        }
        catch (Exception ex) when (ex is TableStorageException or StateContendedException)
        {
            _logger.LogWarning(ex, "Could not record the read of {Action} in one write; answering it the waiting way", action);
            return null;
        }
    }

    /// <summary>
    /// The session after a read answered <paramref name="result"/>: a refresh asked for when one is due, the read (or the
    /// degrade and why) recorded for the replay and the wrap-up's draft. Null when nothing changes. Pure.
    /// </summary>
    private static CallSession? Recorded(CallSession s, string action, AccountReadResult result, DateTimeOffset now, CallsOptions options)
    {
        var record = result.Status switch
        {
            AccountReadStatus.Ok => (Kind: CallEventKinds.AccountRead, Detail: action),
            AccountReadStatus.Degrade => (Kind: CallEventKinds.ReadDegraded, Detail: result.Reason),
            _ => (Kind: (string?)null, Detail: (string?)null),
        };
        var next = AccountFetchTransitions.RefreshIfDue(s, now, options) ?? s;
        var last = next.Events.Count == 0 ? null : next.Events[^1];
        // A flow asking again and again is one entry in the replay, not one per ask.
        if (record.Kind is not null && (last is null || last.Kind != record.Kind || last.Detail != record.Detail))
        {
            next = next.WithEvent(now, record.Kind, record.Detail);
        }

        return ReferenceEquals(next, s) ? null : next;
    }

    /// <summary>
    /// Whether a read should wait: a lookup is running (it may change which account is selected),
    /// or the gate would allow the action but the snapshot it needs is still being fetched.
    /// </summary>
    public static bool NeedsWait(CallSession session, AccountGateDecision gate)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(gate);
        return session.Fetch is { Status: AccountFetchStatus.Pending } fetch
            && gate.Verdict != AccountGateVerdict.UnknownAction
            && (fetch.Kind != AccountFetchKind.SnapshotRefresh || (gate.IsAllowed && AccountFetchTransitions.CachedFor(session) is null));
    }

    /// <summary>The answer for <paramref name="session"/> as the wait left it. Pure.</summary>
    public static AccountReadResult Decide(CallSession session, AccountGateDecision gate, FetchWait wait, DateTimeOffset now, CallsOptions options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(wait);
        ArgumentNullException.ThrowIfNull(options);
        var fetch = session.Fetch;
        if (gate.Verdict == AccountGateVerdict.UnknownAction)
        {
            return Denied(gate);
        }

        if (wait.TimedOut && fetch is { Status: AccountFetchStatus.Pending })
        {
            return StillPending(fetch, gate, now, options);
        }

        if (gate.Verdict == AccountGateVerdict.NoSelectedAccount)
        {
            return session.Match switch
            {
                CallerMatch.Ambiguous => new AccountReadResult { Status = AccountReadStatus.Ambiguous, Served = "no-account", Gate = gate },
                CallerMatch.Unknown => new AccountReadResult { Status = AccountReadStatus.UnknownCaller, Served = "no-account", Gate = gate },
                _ when fetch is { Status: AccountFetchStatus.Pending } => StillPending(fetch, gate, now, options),
                _ => Degrade(fetch?.FailureReason ?? "lookup-not-started", gate),
            };
        }

        if (!gate.IsAllowed)
        {
            return Denied(gate);
        }

        if (AccountFetchTransitions.CachedFor(session) is { } cached)
        {
            return new AccountReadResult
            {
                Status = AccountReadStatus.Ok,
                Served = wait.Waited ? "waited" : "cache",
                Gate = gate,
                Fields = AccountFields.Project(cached.Snapshot, gate.VisibleFields),
                AsOf = cached.FetchedAt,
                Stale = now - cached.FetchedAt >= options.SnapshotMaxAge,
            };
        }

        return fetch switch
        {
            { Status: AccountFetchStatus.Failed } failed => Degrade(failed.FailureReason ?? "crm-unavailable", gate),
            { Status: AccountFetchStatus.Pending } pending => StillPending(pending, gate, now, options),
            // Completed without a snapshot of the selected account (dropped by a write): the follow-up asks for one.
            _ => new AccountReadResult { Status = AccountReadStatus.Pending, Served = "pending", Reason = "refreshing", Gate = gate },
        };
    }

    private static AccountReadResult StillPending(AccountFetch fetch, AccountGateDecision gate, DateTimeOffset now, CallsOptions options) =>
        now - fetch.RequestedAt >= options.LookupOverdueAfter
            ? Degrade("crm-slow", gate)
            : new AccountReadResult { Status = AccountReadStatus.Pending, Served = "pending", Reason = "lookup-running", Gate = gate };

    private static AccountReadResult Degrade(string reason, AccountGateDecision gate) =>
        new() { Status = AccountReadStatus.Degrade, Served = "degraded", Reason = reason, Gate = gate };

    private static AccountReadResult Denied(AccountGateDecision gate) =>
        new() { Status = AccountReadStatus.Denied, Served = "denied", Gate = gate };

    /// <summary>
    /// After answering: write what the replay needs (a read served, a degrade and why), ask for a
    /// refresh that is due, re-send an overdue lookup. One write at most, inside what is left of the
    /// budget; failing it costs the log entry, never the answer.
    /// </summary>
    private async Task FollowUpAsync(CallSession session, string action, AccountReadResult result, CallsOptions options, CancellationToken budgetToken, CancellationTokenSource budget)
    {
        var record = result.Status switch
        {
            AccountReadStatus.Ok => (Kind: CallEventKinds.AccountRead, Detail: action),
            AccountReadStatus.Degrade => (Kind: CallEventKinds.ReadDegraded, Detail: result.Reason),
            _ => (Kind: (string?)null, Detail: (string?)null),
        };
        var refreshDue = AccountFetchTransitions.RefreshIfDue(session, _time.GetUtcNow(), options) is not null;
        if (record.Kind is null && !refreshDue && !(result.Status == AccountReadStatus.Degrade && result.Reason == "crm-slow"))
        {
            return;
        }

        try
        {
            if (result.Reason == "crm-slow")
            {
                _logger.LogWarning("Screen-pop {Kind} generation {Generation} overdue; sending it again", session.Fetch?.Kind, session.Fetch?.Generation);
                await _scheduler.EnsureQueuedAsync(session, budgetToken);
            }

            await _scheduler.UpdateAsync(session.CallId, (s, now) => Recorded(s, action, result, now, options), budgetToken);
        }
        catch (Exception ex) when ((ex is OperationCanceledException && budget.IsCancellationRequested) || ex is TableStorageException or StateContendedException)
        {
            _logger.LogWarning(ex, "Could not record the {Status} read of {Action} within the turn budget", result.Status, action);
        }
    }
}
