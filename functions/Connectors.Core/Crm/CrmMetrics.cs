using System.Diagnostics.Metrics;
using Connectors.Core.Observability;

namespace Connectors.Core.Crm;

/// <summary>Instruments of the CRM connectors: request latency by CRM, operation and outcome; API usage.</summary>
public sealed class CrmMetrics
{
    public const string RequestDurationName = MetricNames.CrmRequestDuration;
    public const string ApiUsageName = MetricNames.CrmApiUsageRatio;

    private readonly Histogram<double> _requestDuration;
    private readonly Dictionary<CrmKind, double> _apiUsage = [];
    private readonly object _gate = new();

    public CrmMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.MeterName);
        _requestDuration = meter.CreateHistogram<double>(RequestDurationName, "ms", "Duration of one CRM request through its resilience pipeline.");
        meter.CreateObservableGauge(ApiUsageName, ObserveApiUsage, description: "Share of the CRM org's API allowance used, as the CRM last reported it.");
    }

    public void RecordRequest(CrmKind crm, string operation, string outcome, TimeSpan elapsed) =>
        _requestDuration.Record(elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>("crm", crm.ToString()),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The latest used/limit ratio a CRM reported (Salesforce's Sforce-Limit-Info, Zendesk's rate-limit headers).</summary>
    public void ReportApiUsage(CrmKind crm, double ratio)
    {
        lock (_gate)
        {
            _apiUsage[crm] = ratio;
        }
    }

    public double? ApiUsage(CrmKind crm)
    {
        lock (_gate)
        {
            return _apiUsage.TryGetValue(crm, out var ratio) ? ratio : null;
        }
    }

    private IEnumerable<Measurement<double>> ObserveApiUsage()
    {
        lock (_gate)
        {
            return _apiUsage.Select(p => new Measurement<double>(p.Value, new KeyValuePair<string, object?>("crm", p.Key.ToString()))).ToList();
        }
    }
}
