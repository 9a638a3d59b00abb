using Connectors.Scenarios.Running;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.Salesforce;
using Connectors.Simulators.TwilioMessaging;
using Connectors.Simulators.Zendesk;
using Connectors.Tests.Channels;
using Connectors.Tests.Http;
using Connectors.Tests.WrapUp;

namespace Connectors.Tests.Scenarios;

/// <summary>
/// What the scenario runner needs of a live host: LocalHost on Azurite against one CRM simulator and the Twilio SMS
/// simulator (whose inbox the runner reads passcodes from), with the channels' signing secrets the runner signs with,
/// and the runner's settings pointing at all of it.
/// </summary>
internal sealed class ScenarioHost : IAsyncDisposable
{
    private readonly LocalHostServer _server;
    private readonly IAsyncDisposable _crm;
    private readonly TwilioMessagingSimulator _twilio;

    private ScenarioHost(LocalHostServer server, IAsyncDisposable crm, TwilioMessagingSimulator twilio, RunnerSettings settings)
    {
        _server = server;
        _crm = crm;
        _twilio = twilio;
        Settings = settings;
    }

    public RunnerSettings Settings { get; }

    public HttpClient Http => _server.Client;

    /// <summary>Starts a host on <paramref name="crm"/> (salesforce or zendesk); <paramref name="settings"/> change it (a policy, a mapping).</summary>
    public static async Task<ScenarioHost> StartAsync(string storage, string crm, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var twilio = await TwilioMessagingSimulator.StartAsync();
        var values = WrapUpRig.FastSettings();
        IAsyncDisposable simulator;
        Uri crmAddress;
        if (crm == "zendesk")
        {
            var token = "scenario-token-" + Guid.NewGuid().ToString("N");
            var zendesk = await ZendeskSimulator.StartAsync(new ZendeskSimulatorSettings { ApiToken = token });
            (simulator, crmAddress) = (zendesk, zendesk.BaseAddress);
            foreach (var (key, value) in WrapUpRig.ZendeskSettings(zendesk, token))
            {
                values[key] = value;
            }
        }
        else
        {
            var salesforce = await SalesforceSimulator.StartAsync();
            (simulator, crmAddress) = (salesforce, salesforce.BaseAddress);
            foreach (var (key, value) in WrapUpRig.SalesforceSettings(salesforce))
            {
                values[key] = value;
            }
        }

        foreach (var (key, value) in SimulatorSettings.For(SimulatorSettings.Twilio, twilio.BaseAddress))
        {
            values[key] = value;
        }

        foreach (var (key, value) in ChannelDriver.Settings())
        {
            values[key] = value;
        }

        values["Storage:ConnectionString"] = storage;
        values["Sms:Provider"] = "Twilio";
        // A loaded machine's Azurite must not turn a gate's answer into "state-store-slow" (latency is the benchmark's).
        values["Calls:TurnBudget"] = "00:00:05";
        // The scenarios call the same seeded customers again and again, through every entry point: lift the hourly caps.
        values["StepUp:Passcodes:MaxSendsPerAccountPerHour"] = "50";
        values["StepUp:Passcodes:MaxSendsPerDestinationPerHour"] = "50";
        values["StepUp:Passcodes:MaxFailedVerifiesPerAccount"] = "99";
        values["StepUp:Knowledge:MaxFailuresPerAccount"] = "50";
        // expired-passcode.yaml's caller waits out the shortest lifetime the options allow.
        values["StepUp:Passcodes:CodeLifetime"] = "00:01:00";
        values["StepUp:Passcodes:ResendCooldown"] = "00:00:05";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var server = await LocalHostServer.StartAsync(values);
        var runner = new RunnerSettings
        {
            BaseUrl = server.Client.BaseAddress!,
            Key = LocalHostServer.ApiKey(server.Services),
            Crm = crm,
            TwilioAuthToken = ChannelDriver.TwilioAuthToken,
            TwilioPublicBaseUrl = new Uri(ChannelDriver.PublicBaseUrl),
            WebhookSender = ChannelDriver.Sender,
            WebhookSecret = ChannelDriver.SenderSecret,
            Simulators = new Dictionary<string, Uri> { ["twilio"] = twilio.BaseAddress, [crm] = crmAddress },
            Parallelism = 4,
            Patience = TimeSpan.FromSeconds(120),
        };
        return new ScenarioHost(server, simulator, twilio, runner);
    }

    public ScenarioRunner Runner() => new(_server.Client, Settings);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _crm.DisposeAsync();
        await _twilio.DisposeAsync();
    }
}
