using System.Collections.Concurrent;
using Connectors.Core.Queues;

namespace Connectors.Tests.Calls;

/// <summary>A work queue that only records what was sent, so the test runs the handler when it chooses.</summary>
public sealed class RecordingWorkQueue : IWorkQueue
{
    private readonly ConcurrentQueue<WorkItem> _pending = new();
    private readonly ConcurrentQueue<WorkItem> _sent = new();

    public IReadOnlyCollection<WorkItem> Sent => _sent;

    /// <summary>Sent and not yet taken.</summary>
    public int Pending => _pending.Count;

    public Task EnqueueAsync(WorkItem item, CancellationToken cancellationToken)
    {
        _sent.Enqueue(item);
        _pending.Enqueue(item);
        return Task.CompletedTask;
    }

    public IReadOnlyList<WorkItem> TakeAll()
    {
        var taken = new List<WorkItem>();
        while (_pending.TryDequeue(out var item))
        {
            taken.Add(item);
        }

        return taken;
    }
}
