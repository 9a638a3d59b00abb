using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Connectors.Core.Queues;

namespace Connectors.LocalHost.Queues;

/// <summary>
/// <see cref="IWorkQueue"/> in memory, for LocalHost: a bounded channel read by
/// <see cref="InProcessWorkDispatcher"/>. Like Service Bus duplicate detection, a message id sent
/// again within <see cref="InProcessQueueOptions.DuplicateDetectionWindow"/> is accepted and dropped.
/// Nothing survives a restart: the work it carries must be safe to request again.
/// </summary>
public sealed class InProcessWorkQueue : IWorkQueue
{
    private readonly Channel<WorkItem> _channel;
    private readonly InProcessQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _recentIds = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _recentOrder = new();

    public InProcessWorkQueue(IOptions<InProcessQueueOptions> options, TimeProvider time, ILogger<InProcessWorkQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(_options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Messages waiting to be handled.</summary>
    public int Count => _channel.Reader.Count;

    internal ChannelReader<WorkItem> Reader => _channel.Reader;

    public async Task EnqueueAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrWhiteSpace(item.Queue);
        if (string.IsNullOrEmpty(item.MessageId) || item.MessageId.Length > WorkItem.MaxMessageIdLength)
        {
            throw new ArgumentException($"A message id is 1 to {WorkItem.MaxMessageIdLength} characters.", nameof(item));
        }

        if (!TryRemember(item.MessageId))
        {
            _logger.LogDebug("Duplicate message {MessageId} on {Queue} discarded", item.MessageId, item.Queue);
            return;
        }

        try
        {
            await _channel.Writer.WriteAsync(item with { DeliveryCount = 1 }, cancellationToken);
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            // Not sent: a retry of the send must not be taken for a duplicate.
            Forget(item.MessageId);
            if (ex is ChannelClosedException)
            {
                throw new InvalidOperationException("The in-process work queue has shut down.", ex);
            }

            throw;
        }
    }

    /// <summary>Puts a failed message back for another delivery; not subject to duplicate detection.</summary>
    internal ValueTask RedeliverAsync(WorkItem item, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(item, cancellationToken);

    /// <summary>Refuses further sends; what is already queued can still be read.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    private bool TryRemember(string messageId)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            while (_recentOrder.TryPeek(out var oldest) && now - oldest.At >= _options.DuplicateDetectionWindow)
            {
                _recentOrder.Dequeue();
                if (_recentIds.TryGetValue(oldest.Id, out var at) && at == oldest.At)
                {
                    _recentIds.Remove(oldest.Id);
                }
            }

            if (_options.DuplicateDetectionWindow > TimeSpan.Zero && !_recentIds.TryAdd(messageId, now))
            {
                return false;
            }

            _recentOrder.Enqueue((messageId, now));
            return true;
        }
    }

    private void Forget(string messageId)
    {
        lock (_gate)
        {
            _recentIds.Remove(messageId);
        }
    }
}
