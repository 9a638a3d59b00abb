using Connectors.LocalHost;
using Connectors.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Http;

/// <summary>LocalHost as the scripts run it, on Kestrel at 127.0.0.1 with a free port, configured by <c>overrides</c>.</summary>
public sealed class LocalHostServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHostServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LocalHostServer> StartAsync(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(overrides)
        {
            ["LocalHost:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",

            // The health tests fail storage on purpose; the service's error log of each failed check is noise there.
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        };
        // Tables of their own, so hosts sharing the test run's Azurite never meet.
        settings.TryAdd("Storage:TablePrefix", AzuriteStorage.NewTablePrefix("host"));
        var app = LocalHostApp.Create([], settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalHostServer(app, KeyedClient(app.Services, new Uri(address)));
    }

    /// <summary>A client that sends the host's key (<c>x-functions-key</c>, as Azure's function keys) on every request.</summary>
    public static HttpClient KeyedClient(IServiceProvider services, Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(LocalHostApiKeyOptions.HeaderName, ApiKey(services));
        return client;
    }

    /// <summary>The key the host checks (set, or made at start-up).</summary>
    public static string ApiKey(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocalHostApiKeyOptions>>().Value.ApiKey;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
