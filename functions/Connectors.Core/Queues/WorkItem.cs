namespace Connectors.Core.Queues;

/// <summary>A unit of queued work: the queue it goes to, a de-duplicating id, and a JSON body.</summary>
public sealed record WorkItem(string Queue, string MessageId, string Body, int DeliveryCount = 1);
