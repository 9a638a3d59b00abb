namespace Connectors.Core.Events;

/// <summary>
/// A publish-subscribe topic the events also go to, beside the webhook endpoints (Azure: the Service Bus topic declared in
/// the Bicep). Throws when the publish failed; the delivery round retries it like an endpoint.
/// </summary>
public interface IOutboundEventTopic
{
    /// <summary>How the event's delivery record names this topic (<c>topic:{name}</c>).</summary>
    string Name { get; }

    Task PublishAsync(OutboundEvent outbound, ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken);
}
