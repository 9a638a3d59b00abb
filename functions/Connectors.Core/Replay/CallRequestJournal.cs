using System.Collections.Concurrent;
using System.Globalization;
using Connectors.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Replay;

/// <summary>
/// The requests each call received, in order, redacted at write (<see cref="RecordedRequestRedactor"/>): one partition per
/// call in the <c>CallRequests</c> table. Recording costs the request no storage round trip: it is kept in memory and
/// <see cref="CallRequestJournalFlusher"/> writes each call's pending requests in one batch every
/// <see cref="ReplayOptions.JournalFlushInterval"/> (and on the host's stop); an export flushes its call first. A journal
/// that cannot write logs and lets the call go on: it serves replay, and a call is never refused or slowed for it. A call
/// keeps at most <see cref="MaxRequestsPerCall"/> requests in its export; at most <see cref="MaxPending"/> wait in memory.
/// </summary>
public sealed class CallRequestJournal
{
    public const string TableName = "CallRequests";
    public const int MaxRequestsPerCall = 500;
    public const int MaxPending = 50_000;

    private readonly DocumentTable<RecordedRequest> _table;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string RowKey, RecordedRequest Request)>> _pending = new(StringComparer.Ordinal);
    private int _pendingCount;

    public CallRequestJournal(DocumentTableFactory tables, TimeProvider time, ILogger<CallRequestJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<RecordedRequest>(TableName);
        _time = time;
        _logger = logger;
    }

    /// <summary>Keeps the request for the next flush; no I/O.</summary>
    public Task RecordAsync(string callId, string channel, string action, IEnumerable<KeyValuePair<string, string>> parameters, int status, string? outcome, CancellationToken cancellationToken)
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

        if (Interlocked.Increment(ref _pendingCount) > MaxPending)
        {
            Interlocked.Decrement(ref _pendingCount);
            _logger.LogWarning("The request journal holds {Max} unwritten requests; a {Channel} {Action} request is not journalled", MaxPending, channel, action);
            return Task.CompletedTask;
        }

        // Time first for order; a random suffix keeps two requests in the same tick apart.
        var rowKey = at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        _pending.GetOrAdd(callId, _ => new()).Enqueue((rowKey, request));
        return Task.CompletedTask;
    }

    /// <summary>Writes every call's pending requests, one batch per call.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var callId in _pending.Keys)
        {
            await FlushCallAsync(callId, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<RecordedRequest>> ForCallAsync(string callId, CancellationToken cancellationToken)
    {
        await FlushCallAsync(callId, cancellationToken);
        return (await _table.QueryPartitionAsync(callId, cancellationToken)).Take(MaxRequestsPerCall).Select(d => d.Value).ToList();
    }

    private async Task FlushCallAsync(string callId, CancellationToken cancellationToken)
    {
        if (!_pending.TryRemove(callId, out var queue))
        {
            return;
        }

        var batch = new List<(string, RecordedRequest)>();
        while (queue.TryDequeue(out var entry))
        {
            batch.Add(entry);
        }

        // A request enqueued on the removed queue after the drain above waits for the next flush in a new queue.
        Interlocked.Add(ref _pendingCount, -batch.Count);
        try
        {
            await _table.UpsertBatchAsync(callId, batch, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Could not journal {Count} requests for replay: {Error}", batch.Count, e.GetType().Name);
        }
    }
}
