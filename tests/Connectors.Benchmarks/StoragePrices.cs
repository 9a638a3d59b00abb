namespace Connectors.Benchmarks;

/// <summary>
/// What a storage transaction costs in Azure: the one place the bench's price table lives. List prices, pay-as-you-go,
/// standard general-purpose v2, LRS, hot tier, US East, in USD per 10,000 transactions, as published on the Azure
/// pricing pages for Table, Queue and Blob storage. Prices move and differ by region and redundancy: check
/// <see cref="Source"/> before quoting a bill, and change the numbers here only.
/// </summary>
internal static class StoragePrices
{
    public const string Source =
        "azure.microsoft.com/pricing/details/storage/{tables,queues,blobs}/ - GPv2 LRS hot, US East, USD; as recorded 2026-12-07, not checked against the live pages from this machine: check before quoting a bill";

    /// <summary>Table storage: every transaction alike.</summary>
    public const double TablePer10K = 0.00036;

    /// <summary>Queue storage (GPv2): class 1 and class 2 operations, taken alike (the Durable engine's polls are class 2 peeks and gets).</summary>
    public const double QueuePer10K = 0.004;

    /// <summary>
    /// Blob storage (hot): write operations, the dearest class, so blob figures are an upper bound (the engine's blob
    /// traffic is mostly partition-lease renewals, which may bill at the far cheaper "other operations" rate).
    /// </summary>
    public const double BlobPer10K = 0.065;

    /// <summary>USD per million calls for <paramref name="perCall"/> transactions of <paramref name="service"/> per call.</summary>
    public static double PerMillionCalls(string service, double perCall) => perCall * 100 * service switch
    {
        "table" => TablePer10K,
        "queue" => QueuePer10K,
        "blob" => BlobPer10K,
        _ => double.NaN,
    };
}
