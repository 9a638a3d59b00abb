using Connectors.Core.Auth;
using Connectors.Core.Crm;

namespace Connectors.Core.Calls;

/// <summary>
/// The state contract of one call, keyed by the platform's call id and stored in Table Storage.
/// Immutable: change it through <see cref="ICallSessionStore.UpdateAsync"/>, which writes under the ETag.
/// </summary>
public sealed record CallSession
{
    public required string CallId { get; init; }

    /// <summary><c>amazon-connect</c>, <c>twilio</c> or <c>webhook</c>.</summary>
    public required string Platform { get; init; }

    /// <summary>The caller's number (ANI) in E.164; null when withheld.</summary>
    public string? CallerE164 { get; init; }

    /// <summary>The number dialled (DNIS) in E.164, when the platform sends it.</summary>
    public string? DialledE164 { get; init; }

    /// <summary>An account number the caller keyed into the IVR, when given.</summary>
    public string? IvrAccountNumber { get; init; }

    /// <summary>Writes to the CRM are recorded in the would-have-written ledger instead of sent.</summary>
    public bool DryRun { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The candidate accounts the lookup found: one is a candidate, several are ambiguous.</summary>
    public IReadOnlyList<CrmCandidate> Candidates { get; init; } = [];

    /// <summary>The account the call is about: a lone candidate, or one the caller chose among several.</summary>
    public string? SelectedAccountId { get; init; }

    /// <summary>The cached snapshot of the selected account.</summary>
    public CachedAccount? Account { get; init; }

    public AuthState Auth { get; init; } = new();

    /// <summary>What the screen-pop lookups made of the caller; <see cref="CallerMatch.Pending"/> until one answers.</summary>
    public CallerMatch Match { get; init; }

    /// <summary>The latest lookup or snapshot refresh asked of the CRM; null when none was.</summary>
    public AccountFetch? Fetch { get; init; }

    public IReadOnlyList<CallEvent> Events { get; init; } = [];

    /// <summary>The latest read-only request about the call, marked coalesced (see <see cref="CallActivity"/>); null until one.</summary>
    public DateTimeOffset? LastActivityAt { get; init; }

    public CallSession WithEvent(DateTimeOffset at, string kind, string? detail = null) =>
        this with { Events = [.. Events, new CallEvent(at, kind, detail)] };
}
