using System.Diagnostics.Metrics;
using Connectors.Core.Observability;

namespace Connectors.Core.Baton;

/// <summary>The baton's contract signals: transfers with a complete baton against those without, and the agents' re-explain reports.</summary>
public sealed class BatonMetrics
{
    private readonly Counter<long> _transfers;
    private readonly Counter<long> _feedback;

    public BatonMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.MeterName);
        _transfers = meter.CreateCounter<long>(MetricNames.BatonTransfers, description: "Warm transfers, tagged complete=\"true\" when the baton held account, verification level, intent and transcript.");
        _feedback = meter.CreateCounter<long>(MetricNames.BatonFeedback, description: "Agents' reports of what the caller had to repeat after a transfer, tagged repeated and complete.");
    }

    /// <summary>One agent's first report for a transfer: <paramref name="repeated"/> is <c>nothing</c> or what the caller repeated.</summary>
    public void RecordFeedback(string repeated, bool complete) =>
        _feedback.Add(
            1,
            new KeyValuePair<string, object?>(MetricNames.TagRepeated, repeated),
            new KeyValuePair<string, object?>(MetricNames.TagComplete, complete ? "true" : "false"));

    public void RecordTransfer(bool complete) =>
        _transfers.Add(1, new KeyValuePair<string, object?>(MetricNames.TagComplete, complete ? "true" : "false"));
}
