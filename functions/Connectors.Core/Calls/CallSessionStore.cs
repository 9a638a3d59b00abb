using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Storage;

namespace Connectors.Core.Calls;

/// <summary>
/// <see cref="ICallSessionStore"/> over a <see cref="DocumentTable{T}"/>: one entity per call. Every session is written
/// through <see cref="KnowledgeAnswerSealer"/>, so the table holds knowledge answers only as keyed hashes.
/// </summary>
public sealed class CallSessionStore : ICallSessionStore
{
    public const string TableName = "CallSessions";
    private const string RowKey = "session";

    private readonly DocumentTable<CallSession> _table;
    private readonly KnowledgeAnswerSealer _sealer;

    public CallSessionStore(DocumentTableFactory tables, KnowledgeAnswerSealer sealer)
    {
        _sealer = sealer;
        _table = tables.Open<CallSession>(TableName);
    }

    public async Task<CallSession?> GetAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.GetAsync(CallId.Validate(callId), RowKey, cancellationToken))?.Value;

    public async Task<(CallSession Session, bool Created)> CreateIfAbsentAsync(CallSession session, CancellationToken cancellationToken)
    {
        var key = CallId.Validate(session.CallId);
        var added = await _table.TryAddAsync(key, RowKey, _sealer.Seal(session), cancellationToken);
        if (added is not null)
        {
            return (added.Value, true);
        }

        var existing = await _table.GetAsync(key, RowKey, cancellationToken)
            ?? throw new TableStorageException($"Call session {key} conflicted on insert but cannot be read.");
        return (existing.Value, false);
    }

    public async Task<CallSession?> UpdateAsync(string callId, Func<CallSession, CallSession?> change, CancellationToken cancellationToken) =>
        (await _table.UpdateAsync(CallId.Validate(callId), RowKey, s => change(s) is { } changed ? _sealer.Seal(changed) : null, cancellationToken))?.Value;
}
