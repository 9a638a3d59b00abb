using Connectors.Core.Calls;

namespace Connectors.Core.Crm;

/// <summary>
/// The CRM port: Salesforce or Zendesk, chosen per deployment. Lookups return every match and never
/// pick one silently. Writes are idempotent upserts keyed by the call key and the write's name, so a
/// retry after an unknown outcome can never make a second record.
/// Failures: <see cref="CrmUnavailableException"/> (transient, or the circuit is open: degrade) and
/// <see cref="CrmRejectedException"/> (permanent: our data or configuration is wrong; do not retry).
/// </summary>
public interface ICrmConnector
{
    CrmKind Kind { get; }

    Task<IReadOnlyList<CrmCandidate>> FindByPhoneAsync(PhoneNumber phone, CrmCallContext call, CancellationToken cancellationToken);

    Task<IReadOnlyList<CrmCandidate>> FindByAccountNumberAsync(string accountNumber, CrmCallContext call, CancellationToken cancellationToken);

    /// <summary>The account's fields that gates and reads need; null when the account no longer exists.</summary>
    Task<AccountSnapshot?> GetAccountSnapshotAsync(string accountId, CrmCallContext call, CancellationToken cancellationToken);

    Task<DispositionWriteResult> UpsertDispositionAsync(DispositionRecord disposition, CrmCallContext call, CancellationToken cancellationToken);

    /// <summary>Adds a note (or the redacted transcript) to a record written by <see cref="UpsertDispositionAsync"/>; keyed, so safe to repeat.</summary>
    Task<CrmNoteResult> AddNoteAsync(CrmNote note, CrmCallContext call, CancellationToken cancellationToken);

    /// <summary>Pops a record on a human agent's screen where the CRM has an API for it.</summary>
    Task<ScreenPopResult> PopRecordAsync(ScreenPopRequest request, CrmCallContext call, CancellationToken cancellationToken);
}
