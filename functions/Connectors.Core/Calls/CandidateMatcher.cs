using Connectors.Core.Crm;

namespace Connectors.Core.Calls;

/// <summary>
/// Turns what the lookups found into the call's candidates, never picking one silently: a single
/// account becomes the candidate, several stay ambiguous for the caller to settle.
/// </summary>
public static class CandidateMatcher
{
    /// <summary>
    /// Combines the caller-number matches with the IVR account-number matches (null when that lookup
    /// was not made). An account number the caller keyed is the stronger claim: when it names one
    /// account, that is the candidate; when it names several, the caller's number may narrow them to
    /// one; when it names none (mistyped), the number's matches stand alone.
    /// </summary>
    public static IReadOnlyList<CrmCandidate> ForCaller(IReadOnlyList<CrmCandidate>? byPhone, IReadOnlyList<CrmCandidate>? byIvrAccountNumber)
    {
        var phone = Distinct(byPhone);
        var ivr = Distinct(byIvrAccountNumber);
        if (ivr.Count == 1)
        {
            return ivr;
        }

        if (ivr.Count > 1)
        {
            var both = ivr.Where(c => phone.Any(p => p.AccountId == c.AccountId)).ToList();
            return both.Count == 1 ? both : ivr;
        }

        return phone;
    }

    /// <summary>
    /// Settles an account number the caller gave against the call's candidates: one of them it
    /// names wins; otherwise a lone fresh match does. Null when neither names exactly one account.
    /// </summary>
    public static CrmCandidate? ForAccountNumber(IReadOnlyList<CrmCandidate> candidates, IReadOnlyList<CrmCandidate> byAccountNumber)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var found = Distinct(byAccountNumber);
        var amongCandidates = found.Where(f => candidates.Any(c => c.AccountId == f.AccountId)).ToList();
        return amongCandidates.Count == 1 ? amongCandidates[0]
            : found.Count == 1 ? found[0]
            : null;
    }

    public static LookupOutcome OutcomeOf(IReadOnlyList<CrmCandidate> candidates) => Distinct(candidates).Count switch
    {
        0 => LookupOutcome.Unknown,
        1 => LookupOutcome.Candidate,
        _ => LookupOutcome.Ambiguous,
    };

    /// <summary>One entry per account: a CRM may match an account through several of its contacts.</summary>
    private static List<CrmCandidate> Distinct(IReadOnlyList<CrmCandidate>? candidates) =>
        candidates is null ? [] : candidates.GroupBy(c => c.AccountId, StringComparer.Ordinal).Select(g => g.First()).ToList();
}
