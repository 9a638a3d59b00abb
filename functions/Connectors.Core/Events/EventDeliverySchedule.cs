using Connectors.Core.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Events;

/// <summary><see cref="EventDeliveryJob"/> every <see cref="EventOptions.PollInterval"/> on LocalHost's periodic job host (Azure: its timer trigger).</summary>
public sealed class EventDeliverySchedule(EventDeliveryJob job, IOptions<EventOptions> options) : IPeriodicJob
{
    public string Name => "event-delivery";

    public TimeSpan Interval => options.Value.PollInterval;

    // The outbox keeps every event; a round that fails leaves them for the next.
    public Task RunAsync(CancellationToken cancellationToken) => job.RunOnceAsync(cancellationToken);
}
