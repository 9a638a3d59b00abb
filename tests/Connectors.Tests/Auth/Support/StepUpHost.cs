using System.Net.Http.Json;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Calls;
using Connectors.Simulators.AcsSms;
using Connectors.Simulators.GraphMail;
using Connectors.Simulators.Hosting;
using Connectors.Simulators.TwilioMessaging;
using Connectors.Tests.Fakes;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Auth.Support;

/// <summary>
/// LocalHost (through <see cref="LocalHostServer"/>) with the step-up methods pointed at the Twilio, ACS and Graph
/// simulators, settings from local.settings.sample.json. Storage is the host's own Table client on Azurite,
/// as AddTableStorage registers it, with tables under a prefix of this host's own.
/// </summary>
internal sealed class StepUpHost : IAsyncDisposable
{
    private readonly LocalHostServer _server;

    private StepUpHost(LocalHostServer server, TwilioMessagingSimulator twilio, AcsSmsSimulator acs, GraphMailSimulator graph,
        OffsetTimeProvider clock, FakeLogCollector logs, string tablePrefix)
    {
        _server = server;
        Twilio = twilio;
        Acs = acs;
        Graph = graph;
        Clock = clock;
        Logs = logs;
        TablePrefix = tablePrefix;
    }

    public HttpClient Http => _server.Client;

    public TwilioMessagingSimulator Twilio { get; }

    public AcsSmsSimulator Acs { get; }

    public GraphMailSimulator Graph { get; }

    public OffsetTimeProvider Clock { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>Every table this host creates starts with it.</summary>
    public string TablePrefix { get; }

    public IServiceProvider Services => _server.Services;

    public ICallSessionStore Sessions => Services.GetRequiredService<ICallSessionStore>();

    /// <summary>What the tests' settings change from the sample file: where the simulators are, and short timeouts.</summary>
    public const string AttemptTimeout = "00:00:03";

    public static async Task<StepUpHost> StartAsync(SmsProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new OffsetTimeProvider();
        var twilio = await TwilioMessagingSimulator.StartAsync();
        var acs = await AcsSmsSimulator.StartAsync(new AcsSmsSimulatorOptions { Clock = clock });
        var graph = await GraphMailSimulator.StartAsync(new GraphMailSimulatorOptions { Clock = clock });
        var logs = new FakeLogCollector();
        var tablePrefix = AzuriteStorage.NewTablePrefix("stepup");
        var overrides = new Dictionary<string, string?>(AzuriteStorage.Settings(tablePrefix))
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Sms:Provider"] = provider.ToString(),
        };
        foreach (var (key, value) in SimulatorSettings.For(
            (SimulatorSettings.Twilio, twilio.BaseAddress), (SimulatorSettings.Acs, acs.BaseAddress), (SimulatorSettings.Graph, graph.BaseAddress)))
        {
            overrides[key] = value;
        }

        foreach (var section in new[] { "Sms:Twilio", "Sms:Acs", "Email:Graph" })
        {
            overrides[section + ":Resilience:AttemptTimeout"] = AttemptTimeout;
            overrides[section + ":Resilience:TotalTimeout"] = "00:00:12";
            overrides[section + ":Resilience:BaseDelay"] = "00:00:00.050";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var server = await LocalHostServer.StartAsync(overrides, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.RemoveAll<ILoggerProvider>();
            services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
        });
        return new StepUpHost(server, twilio, acs, graph, clock, logs, tablePrefix);
    }

    public Task<string> SeedCallAsync(TestAccount account, bool select = true) =>
        Support.Sessions.SeedAsync(Sessions, account, Clock, select);

    public async Task<CallSession> SessionAsync(string callId) =>
        await Sessions.GetAsync(callId, CancellationToken.None) ?? throw new InvalidOperationException("no session " + callId);

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Http.PostAsJsonAsync(path, body);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await Twilio.DisposeAsync();
        await Acs.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
