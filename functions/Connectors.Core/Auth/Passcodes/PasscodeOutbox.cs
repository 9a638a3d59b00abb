using Connectors.Core.Storage;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// The outbox of one-time-code sends: partition = call id, row = purpose-channel-send number. The row is
/// added before the send (the add is also the guard against two concurrent sends taking the same number)
/// and marked sent, failed or unknown after; nothing ever re-sends a row.
/// </summary>
public sealed class PasscodeOutbox
{
    public const string TableName = "StepUpOutbox";

    private readonly DocumentTable<PasscodeOutboxEntry> _table;

    public PasscodeOutbox(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<PasscodeOutboxEntry>(TableName);
    }

    public string Table => _table.TableName;

    public async Task<IReadOnlyList<PasscodeOutboxEntry>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(callId, cancellationToken)).Select(d => d.Value).ToList();

    /// <summary>False when that send number is taken (another send on the call won the race).</summary>
    public async Task<bool> TryAddAsync(PasscodeOutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return await _table.TryAddAsync(entry.CallId, RowKey(entry), entry, cancellationToken) is not null;
    }

    public async Task MarkAsync(PasscodeOutboxEntry entry, OutboxStatus status, string reason, string? providerMessageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _table.UpdateAsync(entry.CallId, RowKey(entry), current => current with
        {
            Status = status,
            Reason = reason,
            ProviderMessageId = providerMessageId,
            CompletedAt = at,
        }, cancellationToken);
    }

    private static string RowKey(PasscodeOutboxEntry entry) => PasscodeOutboxEntry.RowKeyFor(entry.Purpose, entry.Channel, entry.SendNumber);
}
