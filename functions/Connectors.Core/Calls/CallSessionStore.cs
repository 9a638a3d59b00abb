using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Connectors.Core.Calls;

/// <summary>
/// <see cref="ICallSessionStore"/> over a <see cref="DocumentTable{T}"/>: one entity per call. Every session is written
/// through <see cref="KnowledgeAnswerSealer"/>, so the table holds knowledge answers only as keyed hashes.
/// </summary>
/// <remarks>
/// The version of each session this instance last read or wrote is kept (bounded, sliding) so that a change is one
/// conditional write under that version's ETag instead of a read and a write: a hit halves the round trips of every
/// session update (prefetch, checks, the gated read's record). It is never an answer by itself: a change applied to
/// a kept version counts only if the write under its ETag succeeds, and a change that writes nothing is decided
/// again on a fresh read.
/// </remarks>
public sealed class CallSessionStore : ICallSessionStore, IDisposable
{
    public const string TableName = "CallSessions";
    private const string RowKey = "session";
    private const int MaxConcurrencyRetries = 10;

    // Sessions this instance is serving calls for: a call lives minutes, so 20 minutes idle outlasts one; 10,000 calls
    // of a few KB each bound the memory well under an instance's.
    private const int KeptSessions = 10_000;
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(20);

    private readonly DocumentTable<CallSession> _table;
    private readonly KnowledgeAnswerSealer _sealer;
    private readonly MemoryCache _versions = new(new MemoryCacheOptions { SizeLimit = KeptSessions });

    public CallSessionStore(DocumentTableFactory tables, KnowledgeAnswerSealer sealer)
    {
        _sealer = sealer;
        _table = tables.Open<CallSession>(TableName);
    }

    public async Task<CallSession?> GetAsync(string callId, CancellationToken cancellationToken) =>
        Keep(CallId.Validate(callId), await _table.GetAsync(callId, RowKey, cancellationToken))?.Value;

    public async Task<(CallSession Session, bool Created)> CreateIfAbsentAsync(CallSession session, CancellationToken cancellationToken)
    {
        var key = CallId.Validate(session.CallId);
        var added = Keep(key, await _table.TryAddAsync(key, RowKey, _sealer.Seal(session), cancellationToken));
        if (added is not null)
        {
            return (added.Value, true);
        }

        var existing = Keep(key, await _table.GetAsync(key, RowKey, cancellationToken))
            ?? throw new TableStorageException($"Call session {key} conflicted on insert but cannot be read.");
        return (existing.Value, false);
    }

    public async Task<CallSession?> UpdateAsync(string callId, Func<CallSession, CallSession?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = CallId.Validate(callId);
        var current = _versions.Get<StoredDocument<CallSession>>(key);
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var fromStore = current is null;
            current ??= Keep(key, await _table.GetAsync(key, RowKey, cancellationToken));
            if (current is null)
            {
                return null;
            }

            var changed = change(current.Value);
            if (changed is null)
            {
                if (fromStore)
                {
                    return current.Value;
                }

                // Nothing to write, so nothing proves the kept version current: decide again on the store's.
                current = null;
                continue;
            }

            var written = Keep(key, await _table.TryReplaceAsync(key, RowKey, _sealer.Seal(changed), current.ETag, cancellationToken));
            if (written is not null)
            {
                return written.Value;
            }

            _versions.Remove(key);
            current = null;
        }

        throw new StateContendedException($"'{_table.TableName}' {key}/{RowKey} kept changing under {MaxConcurrencyRetries} attempts to update it.");
    }

    public void Dispose() => _versions.Dispose();

    private StoredDocument<CallSession>? Keep(string key, StoredDocument<CallSession>? stored)
    {
        if (stored is null)
        {
            _versions.Remove(key);
        }
        else if (!string.IsNullOrEmpty(stored.ETag))
        {
            _versions.Set(key, stored, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = KeptFor });
        }

        return stored;
    }
}
