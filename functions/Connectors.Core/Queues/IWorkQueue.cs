namespace Connectors.Core.Queues;

/// <summary>
/// At-least-once background work (the screen-pop prefetch, OTP sends, wrap-up starts). In-process in
/// LocalHost, Service Bus in the Functions app. A message id de-duplicates sends where the transport
/// can; handlers must still be safe to run twice.
/// </summary>
public interface IWorkQueue
{
    Task EnqueueAsync(WorkItem item, CancellationToken cancellationToken);
}
