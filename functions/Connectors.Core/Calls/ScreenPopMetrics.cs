using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connectors.Core.Crm;
using Connectors.Core.Observability;

namespace Connectors.Core.Calls;

/// <summary>
/// The screen-pop's contract signals: CRM lookup latency against the turn budget (a histogram, and a span per lookup
/// from which the workbook reads p50/p99), what prefetches found, how reads were served.
/// </summary>
public sealed class ScreenPopMetrics : IDisposable
{
    public const string LookupDurationName = MetricNames.CrmLookupDuration;
    public const string PrefetchOutcomesName = MetricNames.PrefetchOutcomes;
    public const string AccountReadsName = MetricNames.AccountReads;

    private readonly ActivitySource _activities = new(ConnectorsTelemetry.ActivitySourceName);

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

    /// <summary>Starts the span around one CRM lookup (null when nobody listens); <see cref="RecordLookup"/> ends it.</summary>
    public Activity? StartLookup(CrmKind crm, string operation)
    {
        var activity = _activities.StartActivity(MetricNames.CrmLookupActivity, ActivityKind.Client);
        activity?.SetTag(MetricNames.TagCrm, CrmTag(crm));
        activity?.SetTag("operation", operation);
        return activity;
    }

    /// <summary>
    /// <paramref name="outcome"/> is <c>ok</c>, <c>rejected</c> or the CRM's unavailability reason;
    /// <paramref name="hedged"/> when a second read was sent beside a slow first one.
    /// </summary>
    public void RecordLookup(CrmKind crm, string operation, string outcome, bool hedged, TimeSpan elapsed, Activity? activity = null)
    {
        _lookupDuration.Record(elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>(MetricNames.TagCrm, CrmTag(crm)),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>(MetricNames.TagOutcome, outcome),
            new KeyValuePair<string, object?>("hedged", hedged));
        if (activity is not null)
        {
            activity.SetTag(MetricNames.TagOutcome, outcome);
            activity.SetStatus(outcome == "ok" ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            activity.Stop();
        }
    }

    public void Dispose() => _activities.Dispose();

    /// <summary>The CRM as a tag value: <c>salesforce</c> or <c>zendesk</c>.</summary>
    private static string CrmTag(CrmKind crm) => crm == CrmKind.Salesforce ? "salesforce" : "zendesk";

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
