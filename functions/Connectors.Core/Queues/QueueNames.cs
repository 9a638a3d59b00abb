namespace Connectors.Core.Queues;

/// <summary>
/// The work queues, by the names every host uses: the Service Bus queues in bicep/main.bicep, the Functions
/// triggers, and LocalHost's in-process queues. A handler's <see cref="IWorkItemHandler.Queue"/> is one of these.
/// </summary>
public static class QueueNames
{
    /// <summary>Screen-pop prefetch: look the caller up before anyone asks.</summary>
    public const string Prefetch = "prefetch";

    public static IReadOnlyList<string> All { get; } = [Prefetch];
}
