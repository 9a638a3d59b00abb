using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Salesforce;
using Xunit.Abstractions;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>The connector under a misbehaving org: many writes through faults, and the org's concurrency limit.</summary>
public sealed class SalesforceFaultToleranceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SalesforceSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SalesforceSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Five_hundred_keyed_writes_through_twenty_percent_faults_leave_exactly_five_hundred_records()
    {
        // The breaker is set not to open on a 20% failure rate; late answers outlast the attempt timeout.
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?>
        {
            ["Salesforce:Resilience:AttemptTimeout"] = "00:00:00.750",
            ["Salesforce:Resilience:TotalTimeout"] = "00:00:15",
            ["Salesforce:Resilience:MaxRetryAttempts"] = "6",
            ["Salesforce:Resilience:BaseDelay"] = "00:00:00.005",
            ["Salesforce:Resilience:BreakerMinimumThroughput"] = "1000",
            ["Salesforce:Resilience:MaxConcurrentRequests"] = "32",
        });
        _simulator.Faults.Profile = new FaultProfile
        {
            LatencyP50 = TimeSpan.FromMilliseconds(2),
            LatencyP99 = TimeSpan.FromMilliseconds(25),
            ServerErrorRate = 0.05,
            ThrottleRate = 0.05,
            DropRate = 0.05,
            LateAnswerRate = 0.05,
            LateAnswerDelay = TimeSpan.FromSeconds(1.5),
            Seed = 20261121,
        };
        var run = Guid.NewGuid().ToString("N")[..8];
        var callKeys = Enumerable.Range(0, 500).Select(i => $"CA-{run}-{i:D3}").ToList();
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, DispositionWriteResult>();

        await Parallel.ForEachAsync(callKeys, new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (callKey, ct) =>
            results[callKey] = await WriteAsTheWorkflowWouldAsync(host.Connector, callKey, ct));

        var requests = _simulator.Requests;
        output.WriteLine($"{requests.Count} requests; faults: {string.Join(", ", requests.GroupBy(r => r.Fault ?? "none").Select(g => $"{g.Key} {g.Count()}"))}; "
                         + $"outcomes: {string.Join(", ", results.Values.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}");
        var stored = _simulator.Org.Records("Task").Where(t => t.Text("CallObject")?.StartsWith($"CA-{run}-", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(500, stored.Count);
        Assert.Equal(500, stored.Select(t => t.Text("CallLog_Key__c")).Distinct().Count());
        Assert.All(callKeys, key => Assert.Equal(stored.Single(t => t.Text("CallObject") == key).Id, results[key].RecordId));
        Assert.Contains(_simulator.Requests, r => r.Fault == nameof(FaultKind.LateAnswer));
        Assert.Contains(_simulator.Requests, r => r.Fault == nameof(FaultKind.Drop));
        Assert.Contains(results.Values, r => r.Outcome != DispositionWriteOutcome.Created);
    }

    /// <summary>The wrap-up step's contract: an unavailable CRM is tried again later with the same key; a rejection is not.</summary>
    private static async Task<DispositionWriteResult> WriteAsTheWorkflowWouldAsync(ICrmConnector crm, string callKey, CancellationToken cancellationToken)
    {
        var disposition = new DispositionRecord
        {
            CallKey = callKey,
            OutcomeCode = "resolved",
            Summary = "Bulk wrap-up " + callKey,
            CallStartedAt = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero),
            DurationSeconds = 60,
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await crm.UpsertDispositionAsync(disposition, SalesforceTestHost.Live("call-" + callKey), cancellationToken);
            }
            catch (CrmUnavailableException) when (attempt < 10)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    [Fact]
    public async Task The_concurrency_limit_holds_however_many_lookups_are_asked_at_once()
    {
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?>
        {
            ["Salesforce:Resilience:MaxConcurrentRequests"] = "3",
        });
        var phone = PhoneNumber.Parse(SalesforceSeedData.AlicePhone, "1");
        await host.Connector.FindByPhoneAsync(phone, SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.Faults.Profile = new FaultProfile { LatencyP50 = TimeSpan.FromMilliseconds(80), LatencyP99 = TimeSpan.FromMilliseconds(120) };
        _simulator.ResetConcurrency();

        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => host.Connector.FindByPhoneAsync(phone, SalesforceTestHost.Live(), CancellationToken.None)));

        Assert.Equal(3, _simulator.MaxConcurrentRequests);
    }
}
