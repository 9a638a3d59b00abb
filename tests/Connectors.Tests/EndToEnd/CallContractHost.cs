using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Calls;
using Connectors.Core.Queues;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Salesforce;
using Connectors.Simulators.TwilioMessaging;
using Connectors.Tests.Calls;
using Connectors.Tests.Fakes;
using Connectors.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.EndToEnd;

/// <summary>
/// The whole call contract with every part real: LocalHost (through <see cref="LocalHostServer"/>) with
/// its in-process queue, Table Storage on Azurite (Azure.Data.Tables), the Salesforce connector against the
/// Salesforce simulator, and SMS passcodes through the Twilio simulator. Nothing is replaced.
/// </summary>
internal sealed class CallContractHost : IAsyncDisposable
{
    private readonly LocalHostServer _server;
    private readonly MeterListener _reads = new();
    private readonly Dictionary<string, int> _served = new(StringComparer.Ordinal);
    private int _customers;

    private CallContractHost(LocalHostServer server, SalesforceSimulator salesforce, TwilioMessagingSimulator twilio, FakeLogCollector logs)
    {
        _server = server;
        Logs = logs;
        Salesforce = salesforce;
        Twilio = twilio;
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        _reads.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == ScreenPopMetrics.AccountReadsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _reads.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "served")
                {
                    lock (_served)
                    {
                        _served[(string)tag.Value!] = _served.GetValueOrDefault((string)tag.Value!) + (int)value;
                    }
                }
            }
        });
        _reads.Start();
    }

    public HttpClient Http => _server.Client;

    public SalesforceSimulator Salesforce { get; }

    public TwilioMessagingSimulator Twilio { get; }

    public IServiceProvider Services => _server.Services;

    /// <summary>Everything the host logged, at every level.</summary>
    public FakeLogCollector Logs { get; }

    public ICallSessionStore Sessions => Services.GetRequiredService<ICallSessionStore>();

    public static async Task<CallContractHost> StartAsync(string storageConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var salesforce = await SalesforceSimulator.StartAsync();
        var twilio = await TwilioMessagingSimulator.StartAsync();
        var overrides = SimulatorSettings.For((SimulatorSettings.Salesforce, salesforce.BaseAddress), (SimulatorSettings.Twilio, twilio.BaseAddress));
        overrides["Storage:ConnectionString"] = storageConnectionString;
        overrides["Storage:TablePrefix"] = "e2e" + Guid.NewGuid().ToString("N")[..12];
        overrides["Crm:Provider"] = "Salesforce";
        overrides["Salesforce:ClientId"] = salesforce.Settings.ClientId;
        overrides["Salesforce:ClientSecret"] = salesforce.Settings.ClientSecret;
        overrides["Sms:Provider"] = "Twilio";

        // The turn budget is a latency target (scripts/bench.sh measures it); here it only has to outlast a loaded
        // machine's Azurite, or a read answers "state-store-slow" where a scenario expects the decision it is about.
        overrides["Calls:TurnBudget"] = "00:00:05";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var logs = new FakeLogCollector();
        var server = await LocalHostServer.StartAsync(overrides, services => services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));
        return new CallContractHost(server, salesforce, twilio, logs);
    }

    /// <summary>Adds a customer with a phone of their own (a single candidate), in the shape of the simulator's seed data.</summary>
    public Customer AddCustomer()
    {
        var n = Interlocked.Increment(ref _customers);
        var phone = $"+1628555{n:D4}";
        var lastFour = (1000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var zip = (94000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var account = Salesforce.Org.Insert("Account", new Dictionary<string, object?>
        {
            ["Name"] = $"Load Customer {n}",
            ["Phone"] = phone,
            ["Account_Number__c"] = $"LC{n:D6}",
            ["Balance__c"] = 100m + n,
            ["CurrencyIsoCode"] = "USD",
            ["Card_Last_Four__c"] = lastFour,
            ["BillingPostalCode"] = zip,
        });
        Salesforce.Org.Insert("Contact", new Dictionary<string, object?>
        {
            ["AccountId"] = account,
            ["FirstName"] = "Load",
            ["LastName"] = $"Customer {n}",
            ["MobilePhone"] = phone,
            ["Email"] = $"load{n}@example.com",
        });
        return new Customer(account, phone, lastFour, zip, 100m + n);
    }

    public Task<HttpResponseMessage> ConnectAsync(string callId, string? callerNumber, bool dryRun = false) =>
        Http.PostAsJsonAsync($"api/calls/{callId}/connect", new { platform = "twilio", callerNumber, dialledNumber = "+18005551212", dryRun });

    public Task<HttpResponseMessage> ReadAsync(string callId, string action) =>
        Http.GetAsync($"api/calls/{callId}/account?action={Uri.EscapeDataString(action)}");

    public Task<HttpResponseMessage> KnowledgeCheckAsync(string callId, string lastFour, string zip) =>
        Http.PostAsJsonAsync($"api/calls/{callId}/auth/knowledge", new { lastFour, billingZip = zip });

    public async Task<JsonElement> SummaryAsync(string callId)
    {
        using var response = await Http.GetAsync($"api/calls/{callId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the summary until the call's fetch is no longer pending.</summary>
    public Task<JsonElement> WaitForFetchAsync(string callId, TimeSpan? patience = null) =>
        Wait.ForAsync(() => SummaryAsync(callId), ScreenPopHost.FetchIsDone, $"the account fetch of {callId} to finish", patience);

    public IWorkItemHandler PrefetchHandler => Services.GetServices<IWorkItemHandler>().Single(h => h.Queue == AccountFetchMessage.Queue);

    /// <summary>How reads were served, from the host's own <c>connectors.account.reads</c> counter.</summary>
    public IReadOnlyDictionary<string, int> ReadsServed()
    {
        lock (_served)
        {
            return new Dictionary<string, int>(_served, StringComparer.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reads.Dispose();
        await _server.DisposeAsync();
        await Twilio.DisposeAsync();
        await Salesforce.DisposeAsync();
    }
}

/// <summary>A customer the test added to the Salesforce simulator, with the answers to its knowledge check.</summary>
internal sealed record Customer(string AccountId, string Phone, string LastFour, string Zip, decimal Balance);
