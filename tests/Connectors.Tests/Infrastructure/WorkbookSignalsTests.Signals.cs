using Connectors.Core.Signals;

namespace Connectors.Tests.Infrastructure;

/// <summary>The signals API, page and digest speak of what the workbook charts: each signal carries a name the workbook reads.</summary>
public sealed partial class WorkbookSignalsTests
{
    [Fact]
    public void Every_signal_the_api_computes_is_named_by_a_metric_the_workbook_charts()
    {
        var now = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        var signals = ContractSignalsCalculator.Compute(now.AddDays(-1), now, [], [], new ScanCost(1, 0, 0, false), new SignalOptions(), TimeSpan.FromMilliseconds(800), now);
        string[] named = [signals.Dispositions.Metric, signals.Parked.Metric, signals.Lookup.Metric, signals.Auth.Metric, signals.Edits.Metric, signals.Batons.Metric];

        Assert.Equal(named.Length, named.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(MetricNameValues(), named.ToHashSet(StringComparer.Ordinal));
        Assert.Subset(ChartedNames(), named.ToHashSet(StringComparer.Ordinal));
    }
}
