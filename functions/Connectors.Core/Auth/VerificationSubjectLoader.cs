using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth;

/// <summary>
/// Loads what a step-up method verifies against. A caller who answers while the account lookup is still
/// running is on their turn like any reader, so this waits for the lookup as the gated read does (at most
/// the turn budget's prefetch share) rather than refusing; if it is still running then, the answer says
/// to ask again, not that there is no account.
/// </summary>
public sealed class VerificationSubjectLoader
{
    public const string PendingSlug = "account-lookup-pending";

    private readonly AccountFetchWaiter _waiter;
    private readonly IOptionsMonitor<CallsOptions> _options;
    private readonly CallActivity _activity;

    public VerificationSubjectLoader(AccountFetchWaiter waiter, IOptionsMonitor<CallsOptions> options, CallActivity activity)
    {
        _waiter = waiter;
        _options = options;
        _activity = activity;
    }

    /// <summary>404 when the call has no session; 409 while the lookup runs past the wait, or when there is no account to verify against.</summary>
    public async Task<(CallSession Session, VerificationSubject Subject)> LoadAsync(string callId, CancellationToken cancellationToken)
    {
        CallId.Validate(callId);
        var wait = await _waiter.WaitAsync(callId, LookupStillDecidesTheSubject, _options.CurrentValue.PrefetchWait, cancellationToken);
        var session = wait.Session ?? throw VerificationSubject.CallNotFound(callId);
        // Every step-up answer is activity, refused or not (a refusal may write nothing else).
        await _activity.NoteAsync(session, cancellationToken);
        if (wait.TimedOut)
        {
            throw new ProblemException(409, PendingSlug, "Account lookup still running",
                "The caller's account is still being looked up; ask again in a moment.",
                new Dictionary<string, object?> { ["action"] = "retry" });
        }

        return (session, VerificationSubject.From(session));
    }

    /// <summary>A running lookup matters only while there is no account with a snapshot to verify against.</summary>
    internal static bool LookupStillDecidesTheSubject(CallSession session) =>
        session.Fetch is { Status: AccountFetchStatus.Pending }
        && (session.SelectedAccountId is null || session.Account?.Snapshot.AccountId != session.SelectedAccountId);
}
