namespace Connectors.Core.Queues;

/// <summary>A unit of queued work: the queue it goes to, a de-duplicating id, and a JSON body.</summary>
public sealed record WorkItem(string Queue, string MessageId, string Body, int DeliveryCount = 1)
{
    /// <summary>Service Bus caps a MessageId at 128 characters; every adapter holds to it so ids stay portable.</summary>
    public const int MaxMessageIdLength = 128;
}
