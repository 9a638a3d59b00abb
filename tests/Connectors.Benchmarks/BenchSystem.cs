using System.Net.Http.Json;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Salesforce;
using Connectors.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks;

/// <summary>
/// LocalHost on Azurite with the Salesforce connector pointed at the Salesforce simulator, hosted the way the
/// tests host it (<see cref="LocalHostServer"/>, linked from the test project).
/// </summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private readonly LocalHostServer _server;
    private int _customers;

    private BenchSystem(LocalHostServer server, SalesforceSimulator crm)
    {
        _server = server;
        Crm = crm;
    }

    public SalesforceSimulator Crm { get; }

    public HttpClient Client => _server.Client;

    public IServiceProvider Services => _server.Services;

    public static async Task<BenchSystem> StartAsync(string storage, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var crm = await SalesforceSimulator.StartAsync();
        var settings = SimulatorSettings.For((SimulatorSettings.Salesforce, crm.BaseAddress));
        settings["Logging:LogLevel:Default"] = "Error";
        settings["Storage:ConnectionString"] = storage;
        settings["Storage:TablePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..10];
        settings["Crm:Provider"] = "Salesforce";
        settings["Salesforce:ClientId"] = crm.Settings.ClientId;
        settings["Salesforce:ClientSecret"] = crm.Settings.ClientSecret;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new BenchSystem(await LocalHostServer.StartAsync(settings), crm);
    }

    /// <summary>A customer with a number of their own, so the lookup finds exactly one candidate.</summary>
    public (string Phone, string LastFour, string Zip) NewCustomer()
    {
        var n = Interlocked.Increment(ref _customers);
        var phone = $"+1737555{n:D4}";
        var lastFour = (2000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var zip = (78000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var account = Crm.Org.Insert("Account", new Dictionary<string, object?>
        {
            ["Name"] = $"Bench Customer {n}", ["Phone"] = phone, ["Account_Number__c"] = $"BC{n:D6}",
            ["Balance__c"] = 50m + n, ["CurrencyIsoCode"] = "USD", ["Card_Last_Four__c"] = lastFour, ["BillingPostalCode"] = zip,
        });
        Crm.Org.Insert("Contact", new Dictionary<string, object?>
        {
            ["AccountId"] = account, ["FirstName"] = "Bench", ["LastName"] = $"Customer {n}", ["MobilePhone"] = phone,
        });
        return (phone, lastFour, zip);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Client.PostAsJsonAsync(path, body);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await Crm.DisposeAsync();
    }
}
