using System.Diagnostics.Metrics;
using Connectors.Core.Crm;
using Connectors.Core.Observability;

namespace Connectors.Core.WrapUp;

/// <summary>The wrap-up's contract signals: dispositions per completed call, edit rate, parked and replayed, duration.</summary>
public sealed class WrapUpMetrics
{
    private readonly Counter<long> _completed;
    private readonly Counter<long> _dispositions;
    private readonly Counter<long> _edits;
    private readonly Counter<long> _parked;
    private readonly Counter<long> _replayed;
    private readonly Histogram<double> _duration;

    public WrapUpMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.MeterName);
        _completed = meter.CreateCounter<long>(MetricNames.CallsCompleted, description: "Calls that ended and whose wrap-up started.");
        _dispositions = meter.CreateCounter<long>(MetricNames.WrapUpDispositions, description: "Disposition records a wrap-up created in the CRM.");
        _edits = meter.CreateCounter<long>(MetricNames.WrapUpEdits, description: "Dispositions a human changed before confirming the draft.");
        _parked = meter.CreateCounter<long>(MetricNames.WrapUpParked, description: "Wrap-ups parked for replay (retries exhausted or refused).");
        _replayed = meter.CreateCounter<long>(MetricNames.WrapUpReplayed, description: "Parked wrap-ups replayed.");
        _duration = meter.CreateHistogram<double>(MetricNames.WrapUpDuration, "s", "From the call's end to its disposition recorded.");
    }

    public void CallCompleted() => _completed.Add(1);

    public void DispositionCreated(CrmKind crm) =>
        _dispositions.Add(1, new KeyValuePair<string, object?>(MetricNames.TagCrm, crm.ToString().ToLowerInvariant()));

    public void Edited() => _edits.Add(1);

    public void Parked(string reason) => _parked.Add(1, new KeyValuePair<string, object?>(MetricNames.TagOutcome, reason));

    public void Replayed() => _replayed.Add(1);

    public void Recorded(TimeSpan sinceEnd, string confirmation) =>
        _duration.Record(Math.Max(0, sinceEnd.TotalSeconds), new KeyValuePair<string, object?>(MetricNames.TagOutcome, confirmation));
}
