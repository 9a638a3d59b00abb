using Connectors.Core.Calls;
using Connectors.Core.Storage;

namespace Connectors.Core.Baton;

/// <summary>
/// Batons over a <see cref="DocumentTable{T}"/>: one entity per call, the document split over as many properties as
/// it needs; every change is read-change-write under the ETag, so concurrent appends lose nothing: two round trips
/// (the read, the conditional write) per change, one more for a lost race.
/// </summary>
public sealed class BatonStore
{
    public const string TableName = "Batons";
    private const string RowKey = "baton";

    // Two writers appending turn about each lose at most every other round; many writers need more rounds than the default.
    private const int MaxConcurrencyRounds = 64;

    private readonly DocumentTable<Baton> _table;

    public BatonStore(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<Baton>(TableName);
    }

    public async Task<Baton?> GetAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.GetAsync(CallId.Validate(callId), RowKey, cancellationToken))?.Value;

    /// <summary>
    /// Applies <paramref name="change"/> to the stored baton (or to <paramref name="create"/>'s new one when there is none)
    /// and writes it under the ETag, starting again whenever another writer got there first. <paramref name="change"/>
    /// must be a pure function of its input; it returns null to leave the baton alone.
    /// </summary>
    public Task<Baton> UpdateAsync(string callId, Func<Baton> create, Func<Baton, Baton?> change, CancellationToken cancellationToken) =>
        UpdateAsync(callId, create, change, mayCreate: null, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, Func{Baton}, Func{Baton, Baton?}, CancellationToken)"/>; <paramref name="mayCreate"/>
    /// runs (once) only when there is no baton yet, before one is created, and throws to refuse: a check that an existing
    /// baton already proves (the call connected) costs nothing on every later change.
    /// </summary>
    public async Task<Baton> UpdateAsync(string callId, Func<Baton> create, Func<Baton, Baton?> change, Func<CancellationToken, Task>? mayCreate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(change);
        var key = CallId.Validate(callId);
        for (var round = 0; round < MaxConcurrencyRounds; round++)
        {
            var current = await _table.GetAsync(key, RowKey, cancellationToken);
            if (current is null)
            {
                if (mayCreate is not null)
                {
                    await mayCreate(cancellationToken);
                    mayCreate = null;
                }

                var fresh = change(create()) ?? create();
                if (await _table.TryAddAsync(key, RowKey, fresh, cancellationToken) is { } added)
                {
                    return added.Value;
                }

                continue;
            }

            var changed = change(current.Value);
            if (changed is null)
            {
                return current.Value;
            }

            if (await _table.TryReplaceAsync(key, RowKey, changed, current.ETag, cancellationToken) is { } written)
            {
                return written.Value;
            }
        }

        throw new TableStorageException($"The baton of {key} kept changing under {MaxConcurrencyRounds} attempts to update it.");
    }

    public Task<bool> DeleteAsync(string callId, CancellationToken cancellationToken) =>
        _table.DeleteAsync(CallId.Validate(callId), RowKey, cancellationToken);
}
