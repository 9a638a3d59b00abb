namespace Connectors.Core.Queues;

/// <summary>Handles the messages of one queue. Runs at least once per message: must be idempotent.</summary>
public interface IWorkItemHandler
{
    string Queue { get; }

    Task HandleAsync(WorkItem item, CancellationToken cancellationToken);
}
