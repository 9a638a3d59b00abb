using System.Runtime.ExceptionServices;
using Connectors.Core.Crm;
using Connectors.Core.Observability;
using Connectors.Core.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Calls;

/// <summary>
/// The "prefetch" queue: does a call's current <see cref="AccountFetch"/> against the CRM (look the
/// caller up, or the account number they gave; fetch the selected account's snapshot) and records
/// the result in one write. Safe to run twice: a generation already completed, or superseded, is
/// dropped before the CRM is asked. A CRM that is unavailable fails the generation with its reason
/// (reads degrade at once) and throws, so the queue tries again later.
/// </summary>
public sealed class AccountPrefetchHandler : IWorkItemHandler
{
    private readonly ICallSessionStore _sessions;
    private readonly ICrmConnector _crm;
    private readonly CallSessionSignals _signals;
    private readonly ScreenPopMetrics _metrics;
    private readonly IOptionsMonitor<CallsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AccountPrefetchHandler(
        ICallSessionStore sessions,
        ICrmConnector crm,
        CallSessionSignals signals,
        ScreenPopMetrics metrics,
        IOptionsMonitor<CallsOptions> options,
        TimeProvider time,
        ILogger<AccountPrefetchHandler> logger)
    {
        _sessions = sessions;
        _crm = crm;
        _signals = signals;
        _metrics = metrics;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string Queue => AccountFetchMessage.Queue;

    public async Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var message = AccountFetchMessage.TryParse(item);
        if (message is null)
        {
            // Poison: no delivery can succeed, so it is dropped loudly rather than retried.
            _logger.LogError("Prefetch message {MessageId} is malformed and was dropped", item.MessageId);
            return;
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object> { [ConnectorsTelemetry.CallIdScopeKey] = message.CallId });
        var session = await _sessions.GetAsync(message.CallId, cancellationToken);
        if (session is null)
        {
            _logger.LogWarning("Prefetch generation {Generation} dropped: the call has no session", message.Generation);
            return;
        }

        if (!AccountFetchTransitions.IsCurrent(session, message.Generation))
        {
            _logger.LogDebug("Prefetch generation {Generation} dropped: done or superseded (current {Current})", message.Generation, session.Fetch?.Generation);
            return;
        }

        await FetchAsync(session, message.Generation, cancellationToken);
    }

    private async Task FetchAsync(CallSession session, int generation, CancellationToken cancellationToken)
    {
        var fetch = session.Fetch!;
        var call = new CrmCallContext(session.CallId, session.DryRun);
        IReadOnlyList<CrmCandidate>? found = null;
        try
        {
            var expected = session;
            if (fetch.Outcome is null && fetch.Kind != AccountFetchKind.SnapshotRefresh)
            {
                found = await LookupAsync(session, fetch, call, cancellationToken);
                expected = AccountFetchTransitions.ApplyLookup(session, generation, found, _time.GetUtcNow()) ?? session;
            }

            var accountId = expected.Fetch!.Kind == AccountFetchKind.SnapshotRefresh || expected.Fetch.Outcome == LookupOutcome.Candidate
                ? expected.SelectedAccountId
                : null;
            AccountSnapshot? snapshot = null;
            if (accountId is not null)
            {
                snapshot = await TimedAsync("get-account-snapshot", token => _crm.GetAccountSnapshotAsync(accountId, call, token), cancellationToken);
                if (snapshot is null || !string.Equals(snapshot.AccountId, accountId, StringComparison.Ordinal))
                {
                    // The account went away between lookup and fetch: no retry will bring it back.
                    await RecordAsync(session.CallId, generation, found, (s, now) => AccountFetchTransitions.Fail(s, generation, "account-missing", now), "failed", cancellationToken);
                    return;
                }
            }

            var outcome = fetch.Kind == AccountFetchKind.SnapshotRefresh ? "refreshed" : Code(expected.Fetch.Outcome);
            await RecordAsync(session.CallId, generation, found, (s, now) => AccountFetchTransitions.Complete(s, generation, snapshot, now), outcome, cancellationToken);
        }
        catch (CrmUnavailableException ex)
        {
            await RecordAsync(session.CallId, generation, found, (s, now) => AccountFetchTransitions.Fail(s, generation, ex.Reason, now), "failed", cancellationToken);
            throw;
        }
        catch (CrmRejectedException ex)
        {
            _logger.LogError(ex, "{Crm} rejected a screen-pop {Kind} ({Status} {ErrorCode}); not retried", ex.Crm, fetch.Kind, ex.Status, ex.ErrorCode);
            await RecordAsync(session.CallId, generation, found, (s, now) => AccountFetchTransitions.Fail(s, generation, "crm-rejected", now), "failed", cancellationToken);
        }
    }

    private async Task<IReadOnlyList<CrmCandidate>> LookupAsync(CallSession session, AccountFetch fetch, CrmCallContext call, CancellationToken cancellationToken)
    {
        if (fetch.Kind == AccountFetchKind.AccountNumberLookup)
        {
            return fetch.AccountNumber is { } number
                ? await TimedAsync("find-by-account-number", token => _crm.FindByAccountNumberAsync(number, call, token), cancellationToken)
                : [];
        }

        // Both lookups at once: the turn budget cannot afford them one after the other.
        var byPhone = session.CallerE164 is { } e164 && PhoneNumber.TryParse(e164, "1", out var phone, out _)
            ? TimedAsync("find-by-phone", token => _crm.FindByPhoneAsync(phone, call, token), cancellationToken)
            : null;
        var byIvr = session.IvrAccountNumber is { } ivr
            ? TimedAsync("find-by-account-number", token => _crm.FindByAccountNumberAsync(ivr, call, token), cancellationToken)
            : null;
        var lookups = new[] { byPhone, byIvr }.OfType<Task<IReadOnlyList<CrmCandidate>>>().ToArray();
        await Task.WhenAll(lookups);
        return CandidateMatcher.ForCaller(byPhone is null ? null : await byPhone, byIvr is null ? null : await byIvr);
    }

    /// <summary>
    /// Writes the lookup (when this delivery made one) and the change in one update; records the
    /// outcome only when this delivery's write is the one that landed.
    /// </summary>
    private async Task RecordAsync(
        string callId,
        int generation,
        IReadOnlyList<CrmCandidate>? found,
        Func<CallSession, DateTimeOffset, CallSession?> change,
        string outcome,
        CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var applied = false;
        var written = await _sessions.UpdateAsync(callId, s =>
        {
            var looked = found is null ? s : AccountFetchTransitions.ApplyLookup(s, generation, found, now) ?? s;
            var changed = change(looked, now);
            applied = changed is not null;
            return changed;
        }, cancellationToken);
        _signals.Notify(callId);
        if (applied && written?.Fetch is { } fetch)
        {
            _metrics.RecordFetchOutcome(fetch.Kind, outcome);
            _logger.LogInformation("Screen-pop {Kind} generation {Generation}: {Outcome}{Reason}", fetch.Kind, generation, outcome,
                fetch.FailureReason is null ? string.Empty : " (" + fetch.FailureReason + ")");
        }
    }

    private async Task<T> TimedAsync<T>(string operation, Func<CancellationToken, Task<T>> lookup, CancellationToken cancellationToken)
    {
        using var activity = _metrics.StartLookup(_crm.Kind, operation);
        var started = _time.GetTimestamp();
        var outcome = "ok";
        var hedged = false;
        try
        {
            return await HedgedAsync(lookup, () => hedged = true, cancellationToken);
        }
        catch (CrmUnavailableException ex)
        {
            outcome = ex.Reason;
            throw;
        }
        catch (CrmRejectedException)
        {
            outcome = "rejected";
            throw;
        }
        finally
        {
            _metrics.RecordLookup(_crm.Kind, operation, outcome, hedged, _time.GetElapsedTime(started), activity);
        }
    }

    /// <summary>
    /// Runs <paramref name="lookup"/>; when it has not answered within <see cref="CallsOptions.LookupHedgeAfter"/>,
    /// runs it once more beside the first and takes whichever answers first, cancelling the other.
    /// Fails only when both fail. A first attempt that fails fast is not hedged: the CRM pipeline has retried it.
    /// </summary>
    private async Task<T> HedgedAsync<T>(Func<CancellationToken, Task<T>> lookup, Action onHedge, CancellationToken cancellationToken)
    {
        var hedgeAfter = _options.CurrentValue.LookupHedgeAfter;
        if (hedgeAfter <= TimeSpan.Zero)
        {
            return await lookup(cancellationToken);
        }

        using var attempts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = lookup(attempts.Token);
        var patience = Task.Delay(hedgeAfter, _time, attempts.Token);
        if (await Task.WhenAny(first, patience) == first)
        {
            await attempts.CancelAsync();
            return await first;
        }

        cancellationToken.ThrowIfCancellationRequested();
        onHedge();
        var running = new List<Task<T>> { first, lookup(attempts.Token) };
        ExceptionDispatchInfo? failure = null;
        while (running.Count > 0)
        {
            var done = await Task.WhenAny(running);
            running.Remove(done);
            if (done.IsCompletedSuccessfully)
            {
                await attempts.CancelAsync();
                foreach (var loser in running)
                {
                    // The loser ends cancelled or failed; observe it so its exception is not reported as unobserved.
                    _ = loser.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                return done.Result;
            }

            failure ??= ExceptionDispatchInfo.Capture(done.Exception?.InnerException ?? new OperationCanceledException(cancellationToken));
        }

        failure!.Throw();
        throw new InvalidOperationException("Unreachable: Throw always throws.");
    }

    private static string Code(LookupOutcome? outcome) => outcome switch
    {
        LookupOutcome.Candidate => "candidate",
        LookupOutcome.Ambiguous => "ambiguous",
        LookupOutcome.Unknown => "unknown",
        LookupOutcome.NotFound => "not-found",
        _ => "none",
    };
}
