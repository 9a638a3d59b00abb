using System.Globalization;
using Connectors.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Replay;

/// <summary>
/// The requests each call received, in order, redacted at write (<see cref="RecordedRequestRedactor"/>): one partition per
/// call in the <c>CallRequests</c> table. A journal that cannot write logs and lets the call go on: it serves replay, and
/// a call is never refused for it. A call keeps at most <see cref="MaxRequestsPerCall"/> requests in its export.
/// </summary>
public sealed class CallRequestJournal
{
    public const string TableName = "CallRequests";
    public const int MaxRequestsPerCall = 500;

    private readonly DocumentTable<RecordedRequest> _table;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CallRequestJournal(DocumentTableFactory tables, TimeProvider time, ILogger<CallRequestJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<RecordedRequest>(TableName);
        _time = time;
        _logger = logger;
    }

    public async Task RecordAsync(string callId, string channel, string action, IEnumerable<KeyValuePair<string, string>> parameters, int status, string? outcome, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var request = new RecordedRequest
        {
            Channel = channel,
            Action = action,
            Parameters = RecordedRequestRedactor.Redact(parameters),
            Status = status,
            Outcome = outcome is { Length: <= 64 } ? outcome : null,
            At = at,
        };

        // Time first for order; a random suffix keeps two requests in the same tick apart.
        var rowKey = at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        try
        {
            await _table.UpsertAsync(callId, rowKey, request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Could not journal a {Channel} {Action} request for replay: {Error}", channel, action, e.GetType().Name);
        }
    }

    public async Task<IReadOnlyList<RecordedRequest>> ForCallAsync(string callId, CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(callId, cancellationToken)).Take(MaxRequestsPerCall).Select(d => d.Value).ToList();
}
