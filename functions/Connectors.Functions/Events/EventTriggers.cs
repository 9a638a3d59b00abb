using Connectors.Core.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Events;

/// <summary>The outbound events in Azure: resend one (Core's <see cref="EventEndpoints"/>), and the delivery round on a timer.</summary>
public sealed class EventTriggers(EventOutbox outbox, EventDeliveryJob delivery, TimeProvider time)
{
    [Function(nameof(ResendEvent))]
    public Task<IResult> ResendEvent(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = EventRoutes.Resend)] HttpRequest request,
        string eventId,
        CancellationToken cancellationToken) =>
        EventEndpoints.ResendAsync(eventId, outbox, time, cancellationToken);

    [Function(nameof(DeliverEvents))]
    public Task DeliverEvents([TimerTrigger("*/10 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        delivery.RunOnceAsync(cancellationToken);
}
