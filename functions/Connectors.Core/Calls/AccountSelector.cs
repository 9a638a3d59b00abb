using Connectors.Core.Auth;
using Connectors.Core.Auth.Limits;
using Connectors.Core.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Calls;

/// <summary>
/// Settles an ambiguous (or unknown) caller by the account number they say: the lookup runs as the
/// call's next fetch and the answer waits for it within the turn budget, as a read does. Selecting
/// an account proves nothing: proofs stay bound to the account they were passed for. Each new number asked
/// for is counted per call and per caller number before it is looked up, like knowledge attempts, so the
/// endpoint is not an oracle of which account numbers exist.
/// </summary>
public sealed class AccountSelector
{
    public const string CallScope = "select-call";
    public const string CallerScope = "select-caller";

    /// <summary>A call's count outlives any call.</summary>
    private static readonly TimeSpan CallWindow = TimeSpan.FromDays(1);

    private readonly AccountFetchScheduler _scheduler;
    private readonly AccountFetchWaiter _waiter;
    private readonly ICallSessionStore _sessions;
    private readonly WindowedAttemptCounter _counter;
    private readonly CallAttemptLock _attempts;
    private readonly IOptionsMonitor<CallsOptions> _options;
    private readonly TimeProvider _time;

    public AccountSelector(
        AccountFetchScheduler scheduler,
        AccountFetchWaiter waiter,
        ICallSessionStore sessions,
        WindowedAttemptCounter counter,
        CallAttemptLock attempts,
        IOptionsMonitor<CallsOptions> options,
        TimeProvider time)
    {
        _sessions = sessions;
        _counter = counter;
        _attempts = attempts;
        _scheduler = scheduler;
        _waiter = waiter;
        _options = options;
        _time = time;
    }

    public async Task<AccountSelectResult> SelectAsync(string callId, string? accountNumber, CancellationToken cancellationToken)
    {
        CallId.Validate(callId);
        var number = NormalizeAccountNumber(accountNumber);
        var options = _options.CurrentValue;
        using var budget = new CancellationTokenSource(options.TurnBudget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            CallSession requested;
            using (await _attempts.EnterAsync(callId, linked.Token))
            {
                var current = await _sessions.GetAsync(callId, linked.Token) ?? throw NotFound(callId);
                if (!Requested(current, number))
                {
                    await CountAsync(current, options, linked.Token);
                }

                requested = await _scheduler.UpdateAsync(callId, (s, now) => Requested(s, number) ? null : AccountFetchTransitions.RequestAccountNumberLookup(s, number, now), linked.Token)
                    ?? throw NotFound(callId);
            }

            var generation = requested.Fetch!.Generation;
            var wait = await _waiter.WaitAsync(callId, s => s.Fetch is { Status: AccountFetchStatus.Pending } f && f.Generation == generation, options.PrefetchWait, linked.Token);
            return Decide(wait.Session ?? requested, generation, _time.GetUtcNow(), options);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new AccountSelectResult(AccountSelectStatus.Degrade, "state-store-slow");
        }
    }

    /// <summary>Counts one selection against the call and its caller number (when not withheld); 429 once either is spent.</summary>
    private async Task CountAsync(CallSession session, CallsOptions options, CancellationToken cancellationToken)
    {
        var perCall = await _counter.TryConsumeAsync(CallScope, session.CallId, options.MaxSelectionsPerCall, CallWindow, cancellationToken);
        var perCaller = perCall.Allowed && session.CallerE164 is { } caller
            ? await _counter.TryConsumeAsync(CallerScope, caller, options.MaxSelectionsPerCaller, options.SelectionLockoutWindow, cancellationToken)
            : perCall;
        if (!perCaller.Allowed)
        {
            throw AuthProblems.LockedOut(perCall.Allowed ? "account numbers from this caller number" : "account numbers on this call", perCaller.ResetsAt);
        }
    }

    private static ProblemException NotFound(string callId) =>
        new(404, "call-not-found", "Call not found", $"No call '{callId}' has connected.");

    /// <summary>The answer for generation <paramref name="generation"/> as the session shows it. Pure.</summary>
    public static AccountSelectResult Decide(CallSession session, int generation, DateTimeOffset now, CallsOptions options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var fetch = session.Fetch;
        if (fetch is null || fetch.Generation != generation)
        {
            // A later request (another selection, a write on the account) took over; its outcome comes with it.
            return new AccountSelectResult(AccountSelectStatus.Pending, "superseded");
        }

        return fetch.Outcome switch
        {
            LookupOutcome.Candidate => new AccountSelectResult(AccountSelectStatus.Selected),
            LookupOutcome.Ambiguous => new AccountSelectResult(AccountSelectStatus.Ambiguous),
            LookupOutcome.NotFound or LookupOutcome.Unknown => new AccountSelectResult(AccountSelectStatus.NotFound),
            _ when fetch.Status == AccountFetchStatus.Failed => new AccountSelectResult(AccountSelectStatus.Degrade, fetch.FailureReason),
            _ when now - fetch.RequestedAt >= options.LookupOverdueAfter => new AccountSelectResult(AccountSelectStatus.Degrade, "crm-slow"),
            _ => new AccountSelectResult(AccountSelectStatus.Pending, "lookup-running"),
        };
    }

    /// <summary>The same number asked again while its lookup runs, or after it answered, is not looked up twice; a failed one is.</summary>
    private static bool Requested(CallSession session, string number) =>
        session.Fetch is { Kind: AccountFetchKind.AccountNumberLookup } fetch
        && string.Equals(fetch.AccountNumber, number, StringComparison.Ordinal)
        && (fetch.Status == AccountFetchStatus.Pending || fetch.Outcome is not null);

    public static string NormalizeAccountNumber(string? raw)
    {
        var number = raw?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
        return InputIdentifiers.IsAccountNumber(number)
            ? number
            : throw new ProblemException(400, "invalid-account-number", "Invalid account number",
                "'accountNumber' is 1 to 32 letters, digits and dashes, as the caller said it.");
    }
}
