using System.ComponentModel.DataAnnotations;

namespace Connectors.LocalHost.Queues;

/// <summary>
/// The in-process work queue of LocalHost, shaped like the Service Bus queues it stands in for
/// (max delivery count, duplicate-detection window), so behaviour seen locally holds on Azure.
/// </summary>
public sealed class InProcessQueueOptions
{
    public const string SectionName = "InProcessQueue";

    /// <summary>Deliveries of one message before it is dead-lettered (Service Bus MaxDeliveryCount). Default 10.</summary>
    [Range(1, 100)]
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>A message id sent again within this window is accepted and discarded (Service Bus duplicate detection). Default 00:10:00.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wait before the first redelivery of a failed message; doubles per delivery, with jitter. Default 00:00:01.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RedeliveryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a redelivery. Default 00:00:30.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RedeliveryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages handled at once across all queues. Default 32.</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentHandlers { get; set; } = 32;

    /// <summary>Messages waiting to be handled before a send waits for room. Default 10000.</summary>
    [Range(1, 1_000_000)]
    public int Capacity { get; set; } = 10_000;
}
