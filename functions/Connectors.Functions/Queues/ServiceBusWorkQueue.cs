using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Connectors.Core.Queues;

namespace Connectors.Functions.Queues;

/// <summary>
/// <see cref="IWorkQueue"/> on Service Bus. The work item's id becomes the message id, which the queue's duplicate
/// detection uses to discard a repeated send. Senders are long-lived, one per queue.
/// </summary>
public sealed class ServiceBusWorkQueue(ServiceBusClient client) : IWorkQueue, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    public Task EnqueueAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var sender = _senders.GetOrAdd(item.Queue, queue => client.CreateSender(queue));
        var message = new ServiceBusMessage(item.Body)
        {
            MessageId = item.MessageId,
            ContentType = "application/json",
        };
        return sender.SendMessageAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }
    }
}
