using Azure.Messaging.ServiceBus;
using Connectors.Core.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Queues;

/// <summary>
/// One Service Bus trigger per work queue a Core <see cref="IWorkItemHandler"/> consumes (the queues bicep/main.bicep
/// creates), each handing the message to Core's <see cref="WorkItemDispatcher"/>.
/// The message completes when the handler returns; if it throws, the message is abandoned, redelivered with a
/// higher delivery count, and dead-lettered after the queue's MaxDeliveryCount.
/// </summary>
public sealed class ServiceBusWorkItemTriggers(WorkItemDispatcher dispatcher)
{
    private const string Connection = "ServiceBusConnection";

    [Function(nameof(PrefetchQueue))]
    public Task PrefetchQueue(
        [ServiceBusTrigger(QueueNames.Prefetch, Connection = Connection)] ServiceBusReceivedMessage message,
        CancellationToken cancellationToken) =>
        DispatchAsync(QueueNames.Prefetch, message, cancellationToken);

    private Task DispatchAsync(string queue, ServiceBusReceivedMessage message, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(new WorkItem(queue, message.MessageId, message.Body.ToString(), message.DeliveryCount), cancellationToken);
}
