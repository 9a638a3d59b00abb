using System.Diagnostics.Metrics;
using Connectors.Core.Observability;

namespace Connectors.Core.Calls;

/// <summary>The screen-pop's contract signals: CRM lookup latency against the turn budget, what prefetches found, how reads were served.</summary>
public sealed class ScreenPopMetrics
{
    public const string LookupDurationName = "connectors.crm.lookup.duration";
    public const string PrefetchOutcomesName = "connectors.prefetch.outcomes";
    public const string AccountReadsName = "connectors.account.reads";

    private readonly Histogram<double> _lookupDuration;
    private readonly Counter<long> _prefetchOutcomes;
    private readonly Counter<long> _accountReads;

    public ScreenPopMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.MeterName);
        _lookupDuration = meter.CreateHistogram<double>(LookupDurationName, "ms", "Duration of one CRM lookup made for the screen-pop (by phone, by account number, account snapshot).");
        _prefetchOutcomes = meter.CreateCounter<long>(PrefetchOutcomesName, description: "Screen-pop fetches by kind and outcome (candidate, ambiguous, unknown, not-found, refreshed, failed).");
        _accountReads = meter.CreateCounter<long>(AccountReadsName, description: "Account reads by how they were served (cache, waited, pending, degraded, denied, no-account).");
    }

    /// <summary>
    /// <paramref name="outcome"/> is <c>ok</c>, <c>rejected</c> or the CRM's unavailability reason;
    /// <paramref name="hedged"/> when a second read was sent beside a slow first one.
    /// </summary>
    public void RecordLookup(string operation, string outcome, bool hedged, TimeSpan elapsed) =>
        _lookupDuration.Record(elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", outcome),
            new KeyValuePair<string, object?>("hedged", hedged));

    public void RecordFetchOutcome(AccountFetchKind kind, string outcome) =>
        _prefetchOutcomes.Add(1,
            new KeyValuePair<string, object?>("kind", KindTag(kind)),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordRead(string served) =>
        _accountReads.Add(1, new KeyValuePair<string, object?>("served", served));

    private static string KindTag(AccountFetchKind kind) => kind switch
    {
        AccountFetchKind.CallerLookup => "caller-lookup",
        AccountFetchKind.AccountNumberLookup => "account-number-lookup",
        _ => "snapshot-refresh",
    };
}
