using Connectors.Core.Crm;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Zendesk;
using Connectors.Core.Storage;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Zendesk;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>
/// A Zendesk simulator on 127.0.0.1 and the connector built by the real registration
/// (<c>AddCrm</c> + <c>AddZendeskCrm</c>) against it, with every log captured. One per test. The dry-run
/// ledger lives in Azurite through the real Table client (<c>AddTableStorage</c>), under a table prefix of
/// the harness's own.
/// </summary>
public sealed class ZendeskHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ZendeskHarness(ZendeskSimulator simulator, ServiceProvider services, FakeLogCollector logs, string apiToken)
    {
        Simulator = simulator;
        _services = services;
        Logs = logs;
        ApiToken = apiToken;
    }

    public ZendeskSimulator Simulator { get; }

    public FakeLogCollector Logs { get; }

    public string ApiToken { get; }

    public IServiceProvider Services => _services;

    public ZendeskCrmConnector Connector => _services.GetRequiredService<ZendeskCrmConnector>();

    public IWriteLedger Ledger => _services.GetRequiredService<IWriteLedger>();

    public CrmMetrics Metrics => _services.GetRequiredService<CrmMetrics>();

    /// <summary>
    /// Starts a simulator and the connector. <paramref name="settings"/> adds or overrides configuration
    /// keys (e.g. <c>Zendesk:Resilience:AttemptTimeout</c>).
    /// </summary>
    public static async Task<ZendeskHarness> StartAsync(
        ZendeskSimulatorSettings? simulatorSettings = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var apiToken = "test-token-" + Guid.NewGuid().ToString("N");
        var simulator = await ZendeskSimulator.StartAsync((simulatorSettings ?? new ZendeskSimulatorSettings()) with { ApiToken = apiToken });
        var values = new Dictionary<string, string?>(AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("zd")), StringComparer.OrdinalIgnoreCase)
        {
            ["Zendesk:BaseUrl"] = SimulatorSettings.For(SimulatorSettings.Zendesk, simulator.BaseAddress)["Zendesk:BaseUrl"],
            ["Zendesk:AuthMode"] = "ApiToken",
            ["Zendesk:Email"] = ZendeskSeedData.IntegrationAgentEmail,
            ["Zendesk:ApiToken"] = apiToken,
            ["Zendesk:Resilience:AttemptTimeout"] = "00:00:02",
            ["Zendesk:Resilience:TotalTimeout"] = "00:00:20",
            ["Zendesk:Resilience:BaseDelay"] = "00:00:00.020",
            ["Zendesk:Resilience:MaxRetryAttempts"] = "4",
            ["Zendesk:Resilience:MaxRetryAfter"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddMetrics();
        services.AddTableStorage(configuration);
        services.AddZendeskCrm(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // What a host does at start: every ValidateOnStart options type is checked now, not on first use.
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new ZendeskHarness(simulator, provider, logs, apiToken);
    }

    public static CrmCallContext Live(string callId) => new(callId, DryRun: false);

    public static CrmCallContext Dry(string callId) => new(callId, DryRun: true);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
