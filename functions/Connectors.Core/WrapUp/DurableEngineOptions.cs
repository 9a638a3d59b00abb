using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.WrapUp;

/// <summary>
/// LocalHost's Durable Task engine: DTFx's Azure Storage provider on the connector's storage account
/// (Azurite here), behind the gRPC sidecar. The settings facts/durable-local.md says to always apply.
/// </summary>
public sealed class DurableEngineOptions
{
    public const string SectionName = "DurableTask";

    /// <summary>Task hub name (letters and digits, starts with a letter, 3-45). Default: "Connectors" + the table prefix, so hosts sharing an account never meet.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string? HubName { get; set; }

    /// <summary>This worker's id. Keep it stable: a restart with the same id takes its partitions back at once instead of waiting ~30 s for the dead one's leases. Default "connectors-localhost".</summary>
    [Required]
    public string WorkerId { get; set; } = "connectors-localhost";

    /// <summary>Control-queue partitions. One worker needs few; each is polled when idle. Default 2.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 2;

    /// <summary>
    /// Activities the engine runs at once; default 10, the engine's own. A CRM step holds its slot while its client
    /// waits out a Retry-After or a late answer, so under CRM faults the slots bound the wrap-up (the faulted bench at 5
    /// calls/s queued 950 activities with the CPU idle; at 64 it settled 2,000 calls in 447 s). 64 is not the default
    /// yet: under the reliability tests' faults on this 2-core machine it slowed the platform's own requests past 30 s
    /// and left wrap-ups parked after four replay rounds. The engine's storage throttle grows with it (<see cref="StorageOperationsFor"/>).
    /// </summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>
    /// The engine's storage requests share one throttle (50 by default). At 32 and 64 activity slots with that throttle, a
    /// replay's raise-event during a CRM outage waited past its caller's 30 s timeout (WrapUpReliabilityTests, Zendesk:
    /// failed at 32 and 64, passed at 10 and 16, and at 64 with a throttle of 200), so it grows with the slots: 4 per
    /// slot, at least 50.
    /// </summary>
    public static int StorageOperationsFor(int maxConcurrentActivities) => Math.Max(50, 4 * maxConcurrentActivities);

    /// <summary>Longest wait between polls of an idle queue: bounds both idle cost and the latency of a new message. Default 00:00:01.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a dequeued activity stays invisible. The sidecar never renews it, so it is above the longest
    /// activity (a CRM write with its client's retries, bounded by the CRM's TotalTimeout). Default 00:05:00.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a dequeued orchestration message stays invisible. After a crash, messages the dead process held come
    /// back only when this passes, so it bounds the restart delay. Default 00:01:00.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Completed wrap-ups older than this are purged from the hub (their record lives in the CRM and the session). Default 1.00:00:00.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "365.00:00:00")]
    public TimeSpan PurgeCompletedAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the purge runs. Default 00:10:00.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// On stop, how long the engine waits for the work items it handed the worker to finish (it hands out no new ones and
    /// gives back any it takes meanwhile) before the worker and the sidecar stop; keep it under the host's shutdown
    /// timeout (30 s). What is still running then is done again after a restart (every step is idempotent). Default 00:00:20.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Loopback port of the gRPC sidecar; 0 picks a free one. Default 0.</summary>
    [Range(0, 65535)]
    public int SidecarPort { get; set; }

    /// <summary>The hub name in use: <see cref="HubName"/>, or one derived from the table prefix.</summary>
    public static string EffectiveHubName(string? hubName, string? tablePrefix)
    {
        if (!string.IsNullOrWhiteSpace(hubName))
        {
            return hubName;
        }

        var suffix = new string((tablePrefix ?? string.Empty).Where(char.IsAsciiLetterOrDigit).ToArray());
        var name = "Connectors" + (suffix.Length == 0 ? "Local" : suffix);
        return name.Length <= 45 ? name : name[..45];
    }
}
