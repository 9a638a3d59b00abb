using Connectors.Core.Storage;

namespace Connectors.Core.Channels.Webhooks;

/// <summary>
/// Request ids already accepted, per sender (partition = sender, row = request id). An insert that conflicts is a
/// replay. A replay older than the tolerance fails as stale anyway, so old rows only need sweeping for space.
/// </summary>
public sealed class WebhookReplayStore
{
    public const string TableName = "WebhookRequests";

    private readonly DocumentTable<SeenRequest> _table;

    public WebhookReplayStore(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<SeenRequest>(TableName);
    }

    /// <summary>Remembers the id; false when it was seen before.</summary>
    public async Task<bool> TryRememberAsync(string sender, string requestId, string callId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await _table.TryAddAsync(sender.ToLowerInvariant(), requestId, new SeenRequest(callId, at), cancellationToken) is not null;

    private sealed record SeenRequest(string CallId, DateTimeOffset At);
}
