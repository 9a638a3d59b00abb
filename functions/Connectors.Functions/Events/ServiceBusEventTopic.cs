using Azure.Messaging.ServiceBus;
using Connectors.Core.Events;
using Microsoft.Extensions.Options;

namespace Connectors.Functions.Events;

/// <summary>
/// The outbound events on the Service Bus topic (<c>Events:ServiceBusTopic</c>): the structured CloudEvent as the body, its
/// id as MessageId (the topic's duplicate detection drops a republish) and its type as Subject, for subscription filters.
/// </summary>
public sealed class ServiceBusEventTopic : IOutboundEventTopic, IAsyncDisposable
{
    private readonly ServiceBusSender _sender;

    public ServiceBusEventTopic(ServiceBusClient client, IOptions<EventOptions> options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Name = "topic:" + options.Value.ServiceBusTopic;
        _sender = client.CreateSender(options.Value.ServiceBusTopic);
    }

    public string Name { get; }

    public Task PublishAsync(OutboundEvent outbound, ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        var message = new ServiceBusMessage(body) { MessageId = outbound.Id, ContentType = contentType, Subject = outbound.Type };
        return _sender.SendMessageAsync(message, cancellationToken);
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
