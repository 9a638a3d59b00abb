using System.Globalization;
using Connectors.LocalHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Http;

/// <summary>
/// The one way tests (and the benchmark, which links this file) host the app: LocalHost's own entry point
/// under a <see cref="WebApplicationFactory{TEntryPoint}"/> on real Kestrel at 127.0.0.1 with a free port,
/// configured by <c>overrides</c> on top of local.settings(.sample).json. <c>configureServices</c> runs after
/// the app's own registrations, to replace a port's adapter (never Core's decisions).
/// </summary>
public sealed class LocalHostServer : IAsyncDisposable
{
    private readonly Factory _factory;

    private LocalHostServer(Factory factory, HttpClient client)
    {
        _factory = factory;
        Client = client;
        Address = client.BaseAddress!;
    }

    /// <summary>Where Kestrel listens, ending in a slash.</summary>
    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<LocalHostServer> StartAsync(IReadOnlyDictionary<string, string?> overrides, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Warning",

            // The health tests fail storage on purpose; the service's error log of each failed check is noise there.
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",

            // Tables of their own, so hosts sharing the test run's Azurite never meet.
            ["Storage:TablePrefix"] = "host" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..16],
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        settings["LocalHost:Urls"] = "http://127.0.0.1:0";
        var factory = new Factory(settings, configureServices);
        try
        {
            factory.UseKestrel();
            await Task.Run(factory.StartServer);
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LocalHostServer(factory, KeyedClient(factory.Services, new Uri(address.TrimEnd('/') + "/")));
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
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
        await _factory.DisposeAsync();
    }

    /// <summary>
    /// LocalHost's entry point with the settings passed as host settings, which the factory hands to
    /// <c>LocalHostApp.Create</c> as command-line arguments: they are in place before any registration reads them.
    /// </summary>
    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
        : WebApplicationFactory<Connectors.LocalHost.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // As the scripts and a deployment run it, not the factory's default Development.
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (configureServices is not null)
            {
                builder.ConfigureTestServices(configureServices);
            }
        }
    }
}
