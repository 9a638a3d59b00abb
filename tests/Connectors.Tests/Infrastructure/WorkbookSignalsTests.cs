using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Core.Hosting;
using Connectors.Core.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// <see cref="MetricNames"/> is the one source of metric names: the operator workbook charts only names from it, and
/// every instrument Core creates is named from it, so what the workbook reads is what the app emits.
/// </summary>
public sealed partial class WorkbookSignalsTests
{
    /// <summary>Charted signals of capabilities not built yet (wrap-up, baton): the only charted names nothing emits today.</summary>
    private static readonly string[] AwaitingTheirCapability =
    [
        MetricNames.CallsCompleted,
        MetricNames.WrapUpDispositions,
        MetricNames.WrapUpEdits,
        MetricNames.WrapUpParked,
        MetricNames.WrapUpReplayed,
        MetricNames.BatonTransfers,
    ];

    [Fact]
    public void The_workbook_charts_only_names_from_metric_names()
    {
        var charted = ChartedNames();

        Assert.NotEmpty(charted);
        Assert.Subset(MetricNameValues(), charted);
        Assert.Contains(MetricNames.CrmLookupDuration, charted);
        Assert.Contains(MetricNames.CrmLookupActivity, charted);
    }

    [Fact]
    public void Every_instrument_core_creates_is_named_from_metric_names_and_every_charted_metric_is_emitted()
    {
        var emitted = InstrumentsCoreCreates();

        Assert.Contains(MetricNames.CrmLookupDuration, emitted);
        Assert.Subset(MetricNameValues(), emitted);
        var chartedMetrics = ChartedNames().Where(name => name != MetricNames.CrmLookupActivity);
        Assert.Subset(AwaitingTheirCapability.ToHashSet(StringComparer.Ordinal), chartedMetrics.Except(emitted, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The <c>'connectors.…'</c> names the workbook's queries read.</summary>
    private static HashSet<string> ChartedNames()
    {
        using var workbook = JsonDocument.Parse(DeploymentTemplateTests.Read("bicep/workbooks/contract-signals.json"));
        return workbook.RootElement.GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("type").GetInt32() == 3)
            .SelectMany(item => SignalPattern().Matches(item.GetProperty("content").GetProperty("query").GetString()!).Select(match => match.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> MetricNameValues() =>
        typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && !field.Name.StartsWith("Tag", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The instruments Core's services publish on their meter factory: every registered service built on <see cref="IMeterFactory"/> is resolved once.</summary>
    private static HashSet<string> InstrumentsCoreCreates()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalSettings.Load(Path.Combine(DeploymentTemplateTests.Root, LocalSettings.SampleFileName))).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddConnectors(configuration);
        using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<IMeterFactory>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Scope == meters)
                {
                    lock (names)
                    {
                        names.Add(instrument.Name);
                    }
                }
            },
        };
        listener.Start();

        var instrumented = services
            .Where(d => !d.IsKeyedService && d.ImplementationType is { } type && type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IMeterFactory))))
            .Select(d => d.ServiceType)
            .Distinct()
            .ToList();
        Assert.NotEmpty(instrumented);
        foreach (var type in instrumented)
        {
            provider.GetRequiredService(type);
        }

        return names;
    }

    [GeneratedRegex(@"'(connectors\.[a-z.]+)'")]
    private static partial Regex SignalPattern();
}
