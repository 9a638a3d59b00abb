using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Calls;
using Connectors.Core.Queues;
using Connectors.LocalHost;
using Connectors.Simulators.Salesforce;
using Connectors.Simulators.TwilioMessaging;
using Connectors.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.EndToEnd;

/// <summary>
/// The whole call contract with every part real: LocalHost on Kestrel (127.0.0.1, a free port) with
/// its in-process queue, the Table REST client on Azurite, the Salesforce connector against the
/// Salesforce simulator, and SMS passcodes through the Twilio simulator. Nothing is replaced.
/// </summary>
internal sealed class CallContractHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MeterListener _reads = new();
    private readonly Dictionary<string, int> _served = new(StringComparer.Ordinal);
    private int _customers;

    private CallContractHost(WebApplication app, Uri address, SalesforceSimulator salesforce, TwilioMessagingSimulator twilio, FakeLogCollector logs)
    {
        _app = app;
        Logs = logs;
        Salesforce = salesforce;
        Twilio = twilio;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var meters = app.Services.GetRequiredService<IMeterFactory>();
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

    public HttpClient Http { get; }

    public SalesforceSimulator Salesforce { get; }

    public TwilioMessagingSimulator Twilio { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the host logged, at every level.</summary>
    public FakeLogCollector Logs { get; }

    public ICallSessionStore Sessions => Services.GetRequiredService<ICallSessionStore>();

    public static async Task<CallContractHost> StartAsync(string storageConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var salesforce = await SalesforceSimulator.StartAsync();
        var twilio = await TwilioMessagingSimulator.StartAsync();
        var overrides = new Dictionary<string, string?>
        {
            ["LocalHost:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Storage:ConnectionString"] = storageConnectionString,
            ["Storage:TablePrefix"] = "e2e" + Guid.NewGuid().ToString("N")[..12],
            ["Crm:Provider"] = "Salesforce",
            ["Salesforce:MyDomainUrl"] = salesforce.BaseAddress.ToString(),
            ["Salesforce:ClientId"] = salesforce.Settings.ClientId,
            ["Salesforce:ClientSecret"] = salesforce.Settings.ClientSecret,
            ["Sms:Provider"] = "Twilio",
            ["Sms:Twilio:BaseUrl"] = twilio.BaseAddress.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var logs = new FakeLogCollector();
        var app = LocalHostApp.Create([], overrides, services => services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CallContractHost(app, new Uri(address.TrimEnd('/') + "/"), salesforce, twilio, logs);
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

    /// <summary>Polls the summary (bounded) until the call's fetch is no longer pending.</summary>
    public async Task<JsonElement> WaitForFetchAsync(string callId, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var summary = await SummaryAsync(callId);
            if (summary.TryGetProperty("fetchStatus", out var status) && status.GetString() != "pending")
            {
                return summary;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The account fetch of {callId} was still pending after {patience ?? TimeSpan.FromSeconds(20)}.");
            }

            await Task.Delay(50);
        }
    }

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
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Twilio.DisposeAsync();
        await Salesforce.DisposeAsync();
    }
}

/// <summary>A customer the test added to the Salesforce simulator, with the answers to its knowledge check.</summary>
internal sealed record Customer(string AccountId, string Phone, string LastFour, string Zip, decimal Balance);
