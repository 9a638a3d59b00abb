using Connectors.Core.Calls;
using Connectors.Core.Crm;

namespace Connectors.Core.Auth.Knowledge;

/// <summary>
/// Replaces the knowledge answers of an account snapshot (card last four, billing ZIP, date of birth) with their keyed
/// hashes before a session is stored, so the CallSessions table never holds them readable. The call session store runs
/// every session it writes through here; the knowledge check hashes what the caller says the same way and compares.
/// </summary>
public sealed class KnowledgeAnswerSealer
{
    public const string LastFourField = "last-four";
    public const string BillingZipField = "billing-zip";
    public const string DateOfBirthField = "date-of-birth";

    private readonly StepUpKeyring _keyring;

    public KnowledgeAnswerSealer(StepUpKeyring keyring)
    {
        _keyring = keyring;
    }

    /// <summary><paramref name="session"/> with its cached snapshot sealed; the same instance when there is nothing to seal.</summary>
    public CallSession Seal(CallSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Account is { } cached && HoldsAnswers(cached.Snapshot)
            ? session with { Account = cached with { Snapshot = Seal(cached.Snapshot) } }
            : session;
    }

    /// <summary>The snapshot without readable knowledge answers, their digests in <see cref="AccountSnapshot.Knowledge"/>.</summary>
    public AccountSnapshot Seal(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!HoldsAnswers(snapshot))
        {
            return snapshot;
        }

        var kept = snapshot.Knowledge;
        var digests = new KnowledgeDigests(
            Digest(snapshot.AccountId, LastFourField, KnowledgeAnswerNormalizer.LastFourOnFile(snapshot.CardLastFour)) ?? kept?.LastFour,
            Digest(snapshot.AccountId, BillingZipField, KnowledgeAnswerNormalizer.PostalCode(snapshot.BillingZip)) ?? kept?.BillingZip,
            Digest(snapshot.AccountId, DateOfBirthField, KnowledgeAnswerNormalizer.DateOfBirth(snapshot.DateOfBirth)) ?? kept?.DateOfBirth);
        return snapshot with { CardLastFour = null, BillingZip = null, DateOfBirth = null, Knowledge = digests };
    }

    /// <summary>The digest of an answer already normalised (<see cref="KnowledgeAnswerNormalizer"/>); null for null.</summary>
    public string? Digest(string accountId, string field, string? normalized) =>
        normalized is null ? null : _keyring.HashKnowledgeAnswer(accountId, field, normalized);

    private static bool HoldsAnswers(AccountSnapshot snapshot) =>
        snapshot.CardLastFour is not null || snapshot.BillingZip is not null || snapshot.DateOfBirth is not null;
}
