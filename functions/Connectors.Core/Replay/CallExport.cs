using Connectors.Core.Crm.DryRun;

namespace Connectors.Core.Replay;

/// <summary>
/// A call as it came, for replay: its requests in order (redacted at write) and what it wrote. <see cref="WritesSource"/>
/// says where <see cref="Writes"/> comes from: <c>ledger</c> for a dry run; <c>not-recorded</c> for a live call, whose
/// writes are in the CRM (a replay of it compares against nothing and says so).
/// </summary>
public sealed record CallExport(
    string CallId,
    bool DryRun,
    string? Platform,
    string? CallerNumber,
    IReadOnlyList<RecordedRequest> Requests,
    string WritesSource,
    IReadOnlyList<WriteLedgerEntry> Writes);
