using System.Diagnostics.Metrics;
using Connectors.Core.Observability;

namespace Connectors.Core.Baton;

/// <summary>The baton's contract signal: transfers with a complete baton against those without (the re-explain proxy).</summary>
public sealed class BatonMetrics
{
    private readonly Counter<long> _transfers;

    public BatonMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.MeterName);
        _transfers = meter.CreateCounter<long>(MetricNames.BatonTransfers, description: "Warm transfers, tagged complete=\"true\" when the baton held account, verification level, intent and transcript.");
    }

    public void RecordTransfer(bool complete) =>
        _transfers.Add(1, new KeyValuePair<string, object?>(MetricNames.TagComplete, complete ? "true" : "false"));
}
