using Connectors.Core.Auth;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Calls;
using Connectors.Core.Storage;
using Connectors.Simulators.AcsSms;
using Connectors.Simulators.GraphMail;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.TwilioMessaging;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Auth.Support;

/// <summary>
/// The real senders, wired as the hosts wire them (options, named clients, pipelines), pointed at running
/// simulators with the local sample credentials. Real time: the pipelines' timeouts must fire.
/// </summary>
internal sealed class SenderRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SenderRig(ServiceProvider services, TwilioMessagingSimulator twilio, AcsSmsSimulator acs, GraphMailSimulator graph)
    {
        _services = services;
        Twilio = twilio;
        Acs = acs;
        Graph = graph;
    }

    public TwilioMessagingSimulator Twilio { get; }

    public AcsSmsSimulator Acs { get; }

    public GraphMailSimulator Graph { get; }

    public static async Task<SenderRig> StartAsync(SmsProvider provider, IReadOnlyDictionary<string, string?>? overrides = null,
        TwilioMessagingSimulatorOptions? twilioOptions = null, AcsSmsSimulatorOptions? acsOptions = null, GraphMailSimulatorOptions? graphOptions = null)
    {
        var twilio = await TwilioMessagingSimulator.StartAsync(twilioOptions);
        var acs = await AcsSmsSimulator.StartAsync(acsOptions);
        var graph = await GraphMailSimulator.StartAsync(graphOptions);
        var sample = Connectors.Core.Hosting.LocalSettings.Load(Path.Combine(AppContext.BaseDirectory, Connectors.Core.Hosting.LocalSettings.SampleFileName));
        var settings = new Dictionary<string, string?>(sample, StringComparer.OrdinalIgnoreCase)
        {
            ["Sms:Provider"] = provider.ToString(),
        };
        foreach (var (key, value) in SimulatorSettings.For(
            (SimulatorSettings.Twilio, twilio.BaseAddress), (SimulatorSettings.Acs, acs.BaseAddress), (SimulatorSettings.Graph, graph.BaseAddress)))
        {
            settings[key] = value;
        }

        foreach (var (key, value) in AzuriteStorage.Settings(AzuriteStorage.NewTablePrefix("sender")))
        {
            settings[key] = value;
        }

        foreach (var section in new[] { "Sms:Twilio", "Sms:Acs", "Email:Graph" })
        {
            settings[section + ":Resilience:AttemptTimeout"] = "00:00:03";
            settings[section + ":Resilience:TotalTimeout"] = "00:00:12";
            settings[section + ":Resilience:BaseDelay"] = "00:00:00.050";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddTableStorage(configuration);
        services.AddCallSessions(configuration);
        services.AddStepUpAuthentication(configuration);
        return new SenderRig(services.BuildServiceProvider(), twilio, acs, graph);
    }

    public ISmsSender Sms => _services.GetRequiredService<ISmsSender>();

    public IEmailSender Email => _services.GetRequiredService<IEmailSender>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static OutboundSms SmsTo(string to, string text = "Connectors: your verification code is 123456.") =>
        new(Connectors.Core.Calls.PhoneNumber.Parse(to, "1"), text, Guid.NewGuid(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    public static OutboundEmail MailTo(string to, string text = "Your verification code is 123456.") =>
        new(to, "Your Connectors verification code", text, Guid.NewGuid());

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Twilio.DisposeAsync();
        await Acs.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
