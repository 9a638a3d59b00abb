using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Http;

namespace Connectors.Core.Auth;

/// <summary>
/// What a step-up method verifies against: the call's SELECTED account and its CACHED snapshot, never an
/// account or a destination the request names. A pass is bound to <see cref="AccountId"/>.
/// </summary>
public sealed record VerificationSubject(string CallId, string AccountId, AccountSnapshot Snapshot)
{
    public const string NoAccountSlug = "no-account-to-verify-against";

    /// <summary>
    /// The subject of <paramref name="session"/>. 409 Conflict when there is none: the request is well formed,
    /// but the call is not yet in a state where anything can be verified (the lookup or the caller's choice comes first).
    /// </summary>
    public static VerificationSubject From(CallSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (string.IsNullOrEmpty(session.SelectedAccountId))
        {
            throw new ProblemException(409, NoAccountSlug, "No account to verify against",
                "No account is selected on this call yet. Identify the account first (a single lookup match, or the caller's choice among the candidates).");
        }

        if (session.Account?.Snapshot is not { } snapshot || !string.Equals(snapshot.AccountId, session.SelectedAccountId, StringComparison.Ordinal))
        {
            throw new ProblemException(409, NoAccountSlug, "No account to verify against",
                "The selected account has no cached snapshot on this call to verify against. Fetch the account first.");
        }

        return new VerificationSubject(session.CallId, session.SelectedAccountId, snapshot);
    }

    public static ProblemException CallNotFound(string callId) =>
        new(404, "call-not-found", "Call not found", $"There is no session for call '{callId}'; the call must be connected first.");
}
