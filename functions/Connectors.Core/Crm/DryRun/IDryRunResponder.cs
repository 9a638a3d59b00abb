namespace Connectors.Core.Crm.DryRun;

/// <summary>
/// Knows what one CRM answers to a write (status, body, the headers the connector reads), so a
/// dry-run call runs every layer above the HTTP client unchanged. <paramref name="earlier"/> holds this
/// call's earlier ledger entries with the same idempotency key, so a repeat answers like the real API
/// (already present, same record id).
/// </summary>
public interface IDryRunResponder
{
    CrmKind Crm { get; }

    DryRunReply Respond(WriteLedgerEntry write, IReadOnlyList<WriteLedgerEntry> earlier);

    /// <summary>
    /// Answers a read of a record that only this dry-run call made up (a ticket its create was answered
    /// with), which the real CRM would answer 404; <paramref name="callLedger"/> is the call's ledger so far.
    /// Null sends the read to the CRM, as every read of a real record goes.
    /// </summary>
    DryRunReply? RespondToRead(string pathAndQuery, IReadOnlyList<WriteLedgerEntry> callLedger) => null;
}
