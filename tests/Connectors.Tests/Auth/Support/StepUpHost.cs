using System.Net.Http.Json;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Calls;
using Connectors.LocalHost;
using Connectors.Simulators.AcsSms;
using Connectors.Simulators.GraphMail;
using Connectors.Simulators.TwilioMessaging;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Auth.Support;

/// <summary>
/// LocalHost on Kestrel (127.0.0.1, port 0) with the step-up methods pointed at the Twilio, ACS and Graph
/// simulators, settings from local.settings.sample.json. Storage is the host's own Table client on Azurite,
/// as AddTableStorage registers it, with tables under a prefix of this host's own.
/// </summary>
internal sealed class StepUpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StepUpHost(WebApplication app, Uri address, TwilioMessagingSimulator twilio, AcsSmsSimulator acs, GraphMailSimulator graph,
        OffsetTimeProvider clock, FakeLogCollector logs, string tablePrefix)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Twilio = twilio;
        Acs = acs;
        Graph = graph;
        Clock = clock;
        Logs = logs;
        TablePrefix = tablePrefix;
    }

    public HttpClient Http { get; }

    public TwilioMessagingSimulator Twilio { get; }

    public AcsSmsSimulator Acs { get; }

    public GraphMailSimulator Graph { get; }

    public OffsetTimeProvider Clock { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>Every table this host creates starts with it.</summary>
    public string TablePrefix { get; }

    public IServiceProvider Services => _app.Services;

    public ICallSessionStore Sessions => _app.Services.GetRequiredService<ICallSessionStore>();

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
            ["LocalHost:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Sms:Provider"] = provider.ToString(),
            ["Sms:Twilio:BaseUrl"] = twilio.BaseAddress.ToString(),
            ["Sms:Acs:Endpoint"] = acs.BaseAddress.ToString(),
            ["Email:Graph:BaseUrl"] = graph.GraphBaseUrl.ToString(),
            ["Email:Graph:AuthorityHost"] = graph.BaseAddress.ToString(),
        };
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

        var app = LocalHostApp.Create([], overrides, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.RemoveAll<ILoggerProvider>();
            services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StepUpHost(app, new Uri(address), twilio, acs, graph, clock, logs, tablePrefix);
    }

    public Task<string> SeedCallAsync(TestAccount account, bool select = true) =>
        Support.Sessions.SeedAsync(Sessions, account, Clock, select);

    public async Task<CallSession> SessionAsync(string callId) =>
        await Sessions.GetAsync(callId, CancellationToken.None) ?? throw new InvalidOperationException("no session " + callId);

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Http.PostAsJsonAsync(path, body);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Twilio.DisposeAsync();
        await Acs.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
