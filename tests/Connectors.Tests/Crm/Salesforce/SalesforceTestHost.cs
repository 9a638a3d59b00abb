using Connectors.Core.Crm;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Crm.Salesforce;
using Connectors.Core.Storage;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>
/// The connector as production wires it (AddCrm + AddSalesforceCrm, options validated at start), pointed
/// at a simulator, with every log captured. The dry-run ledger lives in Azurite, through the real Table
/// client as AddTableStorage registers it, under a table prefix of this host's own.
/// </summary>
public sealed class SalesforceTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SalesforceTestHost(ServiceProvider services, FakeLogCollector logs)
    {
        _services = services;
        Logs = logs;
    }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => _services;

    public ICrmConnector Connector => _services.GetRequiredService<ICrmConnector>();

    public CrmMetrics Metrics => _services.GetRequiredService<CrmMetrics>();

    public IWriteLedger Ledger => _services.GetRequiredService<IWriteLedger>();

    public SalesforceOptions Options => _services.GetRequiredService<IOptions<SalesforceOptions>>().Value;

    /// <summary>
    /// Settings are the Salesforce section (and Storage) as app settings would give them; tests tighten the
    /// timeouts and back-off so failures surface in milliseconds.
    /// </summary>
    public static SalesforceTestHost Start(SalesforceSimulator simulator, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var settings = new Dictionary<string, string?>(AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("sf")), StringComparer.OrdinalIgnoreCase)
        {
            ["Salesforce:MyDomainUrl"] = SimulatorSettings.For(SimulatorSettings.Salesforce, simulator.BaseAddress)["Salesforce:MyDomainUrl"],
            ["Salesforce:ClientId"] = simulator.Settings.ClientId,
            ["Salesforce:ClientSecret"] = simulator.Settings.ClientSecret,
            ["Salesforce:Resilience:AttemptTimeout"] = "00:00:02",
            ["Salesforce:Resilience:TotalTimeout"] = "00:00:10",
            ["Salesforce:Resilience:BaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddTableStorage(configuration);
        services.AddSalesforceCrm(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new SalesforceTestHost(provider, logs);
    }

    public static CrmCallContext Live(string callId = "call-live-1") => new(callId, DryRun: false);

    public static CrmCallContext Dry(string callId = "call-dry-1") => new(callId, DryRun: true);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
