namespace Connectors.Core.Calls;

/// <summary>Call sessions in Table Storage; concurrent changes are serialised by ETag.</summary>
public interface ICallSessionStore
{
    Task<CallSession?> GetAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Creates the session unless one exists; returns the stored one and whether this call created it.</summary>
    Task<(CallSession Session, bool Created)> CreateIfAbsentAsync(CallSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the latest stored session and writes it under its ETag,
    /// starting again when another writer got there first. <paramref name="change"/> returns null to
    /// leave it alone, so it must be a pure function of its input. Null when there is no session.
    /// </summary>
    Task<CallSession?> UpdateAsync(string callId, Func<CallSession, CallSession?> change, CancellationToken cancellationToken);
}
