using Connectors.Core.Storage;

namespace Connectors.Core.Calls;

/// <summary><see cref="ICallSessionStore"/> over a <see cref="DocumentTable{T}"/>: one entity per call.</summary>
public sealed class CallSessionStore : ICallSessionStore
{
    public const string TableName = "CallSessions";
    private const string RowKey = "session";

    private readonly DocumentTable<CallSession> _table;

    public CallSessionStore(DocumentTableFactory tables)
    {
        _table = tables.Open<CallSession>(TableName);
    }

    public async Task<CallSession?> GetAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.GetAsync(CallId.Validate(callId), RowKey, cancellationToken))?.Value;

    public async Task<(CallSession Session, bool Created)> CreateIfAbsentAsync(CallSession session, CancellationToken cancellationToken)
    {
        var key = CallId.Validate(session.CallId);
        var added = await _table.TryAddAsync(key, RowKey, session, cancellationToken);
        if (added is not null)
        {
            return (added.Value, true);
        }

        var existing = await _table.GetAsync(key, RowKey, cancellationToken)
            ?? throw new TableStorageException($"Call session {key} conflicted on insert but cannot be read.");
        return (existing.Value, false);
    }

    public async Task<CallSession?> UpdateAsync(string callId, Func<CallSession, CallSession?> change, CancellationToken cancellationToken) =>
        (await _table.UpdateAsync(CallId.Validate(callId), RowKey, change, cancellationToken))?.Value;
}
