using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Spends the org's daily API allowance with care. Every response reports the usage; above
/// <see cref="SalesforceOptions.ApiUsageSlowdownRatio"/> each request waits a little (linearly more as the
/// allowance runs out), and above <see cref="SalesforceOptions.ApiUsageShedReadsRatio"/> reads are refused
/// without calling Salesforce so that what is left records calls: a read can degrade to a warm transfer,
/// a missing disposition is a void call. A report older than <see cref="SalesforceOptions.ApiUsageTrustedFor"/>
/// is not acted on, so the next request goes through and learns the current usage.
/// </summary>
public sealed class SalesforceApiBudget
{
    private readonly IOptions<SalesforceOptions> _options;
    private readonly CrmMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private SalesforceApiUsage? _latest;

    public SalesforceApiBudget(IOptions<SalesforceOptions> options, CrmMetrics metrics, TimeProvider time)
    {
        _options = options;
        _metrics = metrics;
        _time = time;
    }

    public SalesforceApiUsage? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public void Observe(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues(SalesforceApiUsage.HeaderName, out var values)
            || !SalesforceApiUsage.TryParse(values.FirstOrDefault(), _time.GetUtcNow(), out var usage))
        {
            return;
        }

        lock (_gate)
        {
            _latest = usage;
        }

        _metrics.ReportApiUsage(CrmKind.Salesforce, usage!.Ratio);
    }

    /// <summary>What to do with the next request: refuse it (reads only), or send it after <see cref="SalesforceBudgetDecision.Delay"/>.</summary>
    public SalesforceBudgetDecision Decide(bool isWrite)
    {
        var options = _options.Value;
        var usage = Latest;
        if (usage is null || _time.GetUtcNow() - usage.ObservedAt > options.ApiUsageTrustedFor)
        {
            return SalesforceBudgetDecision.Go;
        }

        var ratio = usage.Ratio;
        if (!isWrite && ratio >= options.ApiUsageShedReadsRatio)
        {
            return new SalesforceBudgetDecision(Shed: true, TimeSpan.Zero, ratio);
        }

        if (ratio < options.ApiUsageSlowdownRatio)
        {
            return SalesforceBudgetDecision.Go;
        }

        var span = 1.0 - options.ApiUsageSlowdownRatio;
        var share = span <= 0 ? 1.0 : Math.Clamp((ratio - options.ApiUsageSlowdownRatio) / span, 0.0, 1.0);
        return new SalesforceBudgetDecision(Shed: false, options.MaxApiUsageDelay * share, ratio);
    }
}
