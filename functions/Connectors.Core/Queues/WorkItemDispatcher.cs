namespace Connectors.Core.Queues;

/// <summary>
/// Hands a delivered <see cref="WorkItem"/> to the one handler registered for its queue. Each host's queue
/// consumer (Service Bus triggers, LocalHost's in-process queues) calls this rather than choosing a handler itself.
/// </summary>
public sealed class WorkItemDispatcher
{
    private readonly Dictionary<string, IWorkItemHandler> _handlers = new(StringComparer.Ordinal);

    public WorkItemDispatcher(IEnumerable<IWorkItemHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Queue, handler))
            {
                throw new InvalidOperationException(
                    $"Queue '{handler.Queue}' has two handlers: {_handlers[handler.Queue].GetType().Name} and {handler.GetType().Name}.");
            }
        }
    }

    public bool Handles(string queue) => _handlers.ContainsKey(queue);

    /// <summary>
    /// Runs the queue's handler. A queue without a handler throws, so the transport redelivers and finally
    /// dead-letters the message instead of completing work nobody did.
    /// </summary>
    public Task DispatchAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _handlers.TryGetValue(item.Queue, out var handler)
            ? handler.HandleAsync(item, cancellationToken)
            : throw new InvalidOperationException($"No handler is registered for queue '{item.Queue}'.");
    }
}
