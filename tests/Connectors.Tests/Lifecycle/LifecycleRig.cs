using System.Globalization;
using Connectors.Core.Crm;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Salesforce;
using Connectors.Simulators.TwilioMessaging;
using Connectors.Simulators.Zendesk;
using Connectors.Tests.Channels;
using Connectors.Tests.Fakes;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Connectors.Tests.WrapUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// What the lifecycle property test shares across its calls (each call is isolated by its own id and customer):
/// the Salesforce, Zendesk and Twilio SMS simulators, and one LocalHost per CRM on the test Azurite, each with an
/// offset clock so a silence past AbandonAfter takes no real time.
/// </summary>
public sealed class LifecycleRig : IAsyncLifetime
{
    /// <summary>Long enough that a lifecycle's own real seconds never add up to it; the silences are generated around it.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromMinutes(10);

    private readonly Dictionary<CrmKind, LifecycleHost> _hosts = [];
    private int _customers;

    public SalesforceSimulator Salesforce { get; private set; } = null!;

    public ZendeskSimulator Zendesk { get; private set; } = null!;

    public TwilioMessagingSimulator Twilio { get; private set; } = null!;

    public LifecycleHost Host(CrmKind crm) => _hosts[crm];

    public IEnumerable<LifecycleHost> Hosts => _hosts.Values;

    public async Task InitializeAsync()
    {
        Salesforce = await SalesforceSimulator.StartAsync();
        var token = "lifecycle-token-" + Guid.NewGuid().ToString("N");
        Zendesk = await ZendeskSimulator.StartAsync(new ZendeskSimulatorSettings { ApiToken = token, SearchIndexLag = TimeSpan.Zero });
        Twilio = await TwilioMessagingSimulator.StartAsync();
        _hosts[CrmKind.Salesforce] = await StartHostAsync(CrmKind.Salesforce, WrapUpRig.SalesforceSettings(Salesforce));
        _hosts[CrmKind.Zendesk] = await StartHostAsync(CrmKind.Zendesk, WrapUpRig.ZendeskSettings(Zendesk, token));
    }

    /// <summary>A customer of <paramref name="crm"/> with a phone, card and ZIP no other lifecycle has.</summary>
    public LifecycleCustomer NewCustomer(CrmKind crm)
    {
        var n = Interlocked.Increment(ref _customers);
        var phone = string.Create(CultureInfo.InvariantCulture, $"+1512555{n:D4}");
        var lastFour = (3000 + n).ToString(CultureInfo.InvariantCulture);
        var zip = (73000 + n).ToString(CultureInfo.InvariantCulture);
        var name = string.Create(CultureInfo.InvariantCulture, $"Lifecycle Customer{n:D4}");
        var number = string.Create(CultureInfo.InvariantCulture, $"LF{n:D6}");
        var email = string.Create(CultureInfo.InvariantCulture, $"lifecycle{n:D4}@example.com");
        if (crm == CrmKind.Salesforce)
        {
            var account = Salesforce.Org.Insert("Account", new Dictionary<string, object?>
            {
                ["Name"] = name, ["Phone"] = phone, ["Account_Number__c"] = number, ["Balance__c"] = 200m + n,
                ["CurrencyIsoCode"] = "USD", ["Card_Last_Four__c"] = lastFour, ["BillingPostalCode"] = zip,
            });
            Salesforce.Org.Insert("Contact", new Dictionary<string, object?>
            {
                ["AccountId"] = account, ["FirstName"] = "Lifecycle", ["LastName"] = string.Create(CultureInfo.InvariantCulture, $"Customer{n:D4}"),
                ["MobilePhone"] = phone, ["Email"] = email,
            });
        }
        else
        {
            Zendesk.Account.AddUser(new ZendeskSimUser
            {
                Name = name, Email = email, Phone = phone, ExternalId = number,
                UserFields = { ["balance"] = 200m + n, ["currency"] = "USD", ["card_last_four"] = lastFour, ["billing_zip"] = zip },
            });
        }

        return new LifecycleCustomer(phone, lastFour, zip, name, number, email);
    }

    private async Task<LifecycleHost> StartHostAsync(CrmKind crm, IReadOnlyDictionary<string, string?> crmSettings)
    {
        var clock = new OffsetTimeProvider();
        var logs = new FakeLogCollector();
        var prefix = AzuriteStorage.NewTablePrefix(crm == CrmKind.Salesforce ? "lcsf" : "lczd");
        var settings = WrapUpRig.FastSettings();
        foreach (var (key, value) in AzuriteStorage.Settings(prefix).Concat(ChannelDriver.Settings()).Concat(crmSettings)
                     .Concat(SimulatorSettings.For(SimulatorSettings.Twilio, Twilio.BaseAddress)))
        {
            settings[key] = value;
        }

        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Connectors"] = "Information";
        settings["Sms:Provider"] = "Twilio";
        settings["Calls:TurnBudget"] = "00:00:05";
        settings["WrapUp:AbandonAfter"] = AbandonAfter.ToString("c", CultureInfo.InvariantCulture);
        settings["WrapUp:SweepInterval"] = "00:00:01";
        return new LifecycleHost(crm, await LocalHostServer.StartAsync(settings, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.RemoveAll<ILoggerProvider>();
            services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
        }), clock, prefix, logs);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }

        await Twilio.DisposeAsync();
        await Zendesk.DisposeAsync();
        await Salesforce.DisposeAsync();
    }
}
