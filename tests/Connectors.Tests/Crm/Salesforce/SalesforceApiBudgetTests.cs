using System.Diagnostics.Metrics;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Salesforce;
using Connectors.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Crm.Salesforce;

public sealed class SalesforceApiBudgetTests : IDisposable
{
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new();

    public void Dispose() => _metrics.Dispose();

    private SalesforceApiBudget Budget() => new(
        Options.Create(new SalesforceOptions { ApiUsageSlowdownRatio = 0.8, ApiUsageShedReadsRatio = 0.95, MaxApiUsageDelay = TimeSpan.FromSeconds(2), ApiUsageTrustedFor = TimeSpan.FromMinutes(1) }),
        new CrmMetrics(_metrics.GetRequiredService<IMeterFactory>()),
        _clock);

    private static HttpResponseMessage Reporting(string header)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation(SalesforceApiUsage.HeaderName, header);
        return response;
    }

    [Theory]
    [InlineData("api-usage=10018/100000", 10018, 100000)]
    [InlineData("api-usage=25/5000; api-bursts=1/750", 25, 5000)]
    [InlineData("per-app-api-usage=17/250(appName=sample); api-usage=18/250", 18, 250)]
    public void The_limit_header_is_read_for_the_orgs_daily_usage(string header, long used, long limit)
    {
        Assert.True(SalesforceApiUsage.TryParse(header, DateTimeOffset.UnixEpoch, out var usage));
        Assert.Equal((used, limit), (usage!.Used, usage.Limit));
    }

    [Theory]
    [InlineData("")]
    [InlineData("api-usage=")]
    [InlineData("api-usage=12")]
    [InlineData("api-usage=5/0")]
    [InlineData("api-bursts=1/750")]
    public void A_header_without_daily_usage_is_ignored(string header)
    {
        Assert.False(SalesforceApiUsage.TryParse(header, DateTimeOffset.UnixEpoch, out _));
    }

    [Theory]
    [InlineData(500, false, false, 0)]
    [InlineData(800, false, false, 0)]
    [InlineData(900, false, false, 1000)]
    [InlineData(900, true, false, 1000)]
    [InlineData(960, false, true, 0)]
    [InlineData(960, true, false, 1600)]
    [InlineData(1000, true, false, 2000)]
    public void Requests_slow_down_near_the_limit_and_reads_are_shed_at_the_end(int used, bool isWrite, bool shed, int delayMs)
    {
        var budget = Budget();
        using var response = Reporting($"api-usage={used}/1000");
        budget.Observe(response);

        var decision = budget.Decide(isWrite);

        Assert.Equal(shed, decision.Shed);
        Assert.Equal(TimeSpan.FromMilliseconds(delayMs), decision.Delay);
    }

    [Fact]
    public void An_old_report_is_not_acted_on_so_the_next_request_learns_the_current_usage()
    {
        var budget = Budget();
        using var response = Reporting("api-usage=990/1000");
        budget.Observe(response);
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(SalesforceBudgetDecision.Go, budget.Decide(isWrite: false));
    }
}
