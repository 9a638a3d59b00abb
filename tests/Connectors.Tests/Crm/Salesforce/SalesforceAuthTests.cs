using System.Diagnostics.Metrics;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Crm.Salesforce;
using Connectors.Simulators.Salesforce;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>The client-credentials session and the org's API allowance, over HTTP against the simulator.</summary>
public sealed class SalesforceAuthTests : IAsyncLifetime
{
    private SalesforceSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SalesforceSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private static PhoneNumber Alice => PhoneNumber.Parse(SalesforceSeedData.AlicePhone, "1");

    private int RestRequests => _simulator.Requests.Count(r => r.Path.StartsWith("/services/data/", StringComparison.Ordinal));

    [Fact]
    public async Task An_expired_session_is_refreshed_once_and_the_request_then_succeeds()
    {
        await using var host = SalesforceTestHost.Start(_simulator);
        await host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.Clock.Advance(_simulator.Settings.TokenTtl + TimeSpan.FromSeconds(1));
        _simulator.ClearRequests();

        var candidates = await host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Single(candidates);
        Assert.Equal(2, _simulator.TokenRequests);
        Assert.Equal([("GET", 401), ("POST", 200), ("GET", 200)], _simulator.Requests.Select(r => (r.Method, r.Status)));
    }

    [Fact]
    public async Task A_frozen_integration_user_fails_after_exactly_one_refresh()
    {
        await using var host = SalesforceTestHost.Start(_simulator);
        await host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.Settings.IntegrationUserFrozen = true;
        _simulator.ClearRequests();

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None));

        Assert.Equal(401, refused.Status);
        Assert.Equal(SalesforceErrorCodes.InvalidSessionId, refused.ErrorCode);
        Assert.Equal(2, _simulator.TokenRequests);
        Assert.Equal([("GET", 401), ("POST", 200), ("GET", 401)], _simulator.Requests.Select(r => (r.Method, r.Status)));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_with_the_token_endpoints_own_error()
    {
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?> { ["Salesforce:ClientSecret"] = "not-the-secret" });

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None));

        Assert.Equal(400, refused.Status);
        Assert.Equal("invalid_client", refused.ErrorCode);
        Assert.Contains("invalid client credentials", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, RestRequests);
    }

    [Fact]
    public async Task An_app_without_the_client_credentials_flow_is_refused_as_invalid_grant()
    {
        _simulator.Settings.ClientCredentialsEnabled = false;
        await using var host = SalesforceTestHost.Start(_simulator);

        var refused = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            host.Connector.FindByAccountNumberAsync("1", SalesforceTestHost.Live(), CancellationToken.None));

        Assert.Equal("invalid_grant", refused.ErrorCode);
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_token_request()
    {
        await using var host = SalesforceTestHost.Start(_simulator);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None)));

        Assert.Equal(1, _simulator.TokenRequests);
        Assert.Equal(20, RestRequests);
    }

    [Fact]
    public async Task Concurrent_requests_refused_for_an_expired_session_share_one_refresh()
    {
        await using var host = SalesforceTestHost.Start(_simulator);
        await host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.Tokens.RevokeAll();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None)));

        Assert.Equal(2, _simulator.TokenRequests);
    }

    [Fact]
    public async Task An_exhausted_daily_limit_is_throttled_and_never_re_authenticates()
    {
        await using var host = SalesforceTestHost.Start(_simulator);
        await host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.ApiUsed = _simulator.Settings.DailyApiLimit;
        _simulator.ClearRequests();

        var unavailable = await Assert.ThrowsAsync<CrmUnavailableException>(() =>
            host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None));

        Assert.Equal("throttled", unavailable.Reason);
        Assert.False(unavailable.OutcomeUnknown);
        Assert.Equal(1, _simulator.TokenRequests);
        Assert.Equal([("GET", 403)], _simulator.Requests.Select(r => (r.Method, r.Status)));
    }

    [Fact]
    public async Task The_usage_salesforce_reports_reaches_the_api_usage_metric()
    {
        await using var host = SalesforceTestHost.Start(_simulator);
        _simulator.ApiUsed = 24_999;
        var observed = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == CrmMetrics.ApiUsageName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => observed.Add(value));
        listener.Start();

        await host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None);
        listener.RecordObservableInstruments();

        Assert.Equal(0.25, host.Metrics.ApiUsage(CrmKind.Salesforce));
        Assert.Contains(0.25, observed);
    }

    [Fact]
    public async Task Near_the_daily_limit_reads_are_shed_while_writes_still_go()
    {
        await using var host = SalesforceTestHost.Start(_simulator, new Dictionary<string, string?> { ["Salesforce:MaxApiUsageDelay"] = "00:00:00.050" });
        _simulator.Settings.DailyApiLimit = 1000;
        _simulator.ApiUsed = 960;
        await host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None);
        _simulator.ClearRequests();

        var shed = await Assert.ThrowsAsync<CrmUnavailableException>(() =>
            host.Connector.FindByPhoneAsync(Alice, SalesforceTestHost.Live(), CancellationToken.None));
        var written = await host.Connector.UpsertDispositionAsync(new DispositionRecord
        {
            CallKey = "CA-NEAR-LIMIT",
            OutcomeCode = "resolved",
            Summary = "Recorded although reads are being shed.",
            CallStartedAt = DateTimeOffset.UtcNow,
        }, SalesforceTestHost.Live(), CancellationToken.None);

        Assert.Equal("throttled", shed.Reason);
        Assert.Equal(DispositionWriteOutcome.Created, written.Outcome);
        Assert.Equal([("PATCH", 201)], _simulator.Requests.Select(r => (r.Method, r.Status)));
    }
}
