using System.Net.Http.Json;
using Connectors.LocalHost;
using Connectors.Simulators.Salesforce;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks;

/// <summary>LocalHost (Kestrel, 127.0.0.1) on Azurite with the Salesforce connector pointed at the Salesforce simulator.</summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _customers;

    private BenchSystem(WebApplication app, SalesforceSimulator crm, Uri address)
    {
        _app = app;
        Crm = crm;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add(LocalHostApiKeyOptions.HeaderName, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocalHostApiKeyOptions>>().Value.ApiKey);
    }

    public SalesforceSimulator Crm { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BenchSystem> StartAsync(string storage, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var crm = await SalesforceSimulator.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["LocalHost:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Error",
            ["Storage:ConnectionString"] = storage,
            ["Storage:TablePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..10],
            ["Crm:Provider"] = "Salesforce",
            ["Salesforce:MyDomainUrl"] = crm.BaseAddress.ToString(),
            ["Salesforce:ClientId"] = crm.Settings.ClientId,
            ["Salesforce:ClientSecret"] = crm.Settings.ClientSecret,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = LocalHostApp.Create([], settings);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchSystem(app, crm, new Uri(bound.TrimEnd('/') + "/"));
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
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Crm.DisposeAsync();
    }
}
