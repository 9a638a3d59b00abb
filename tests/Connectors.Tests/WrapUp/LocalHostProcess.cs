using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Connectors.LocalHost;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// The built LocalHost run as a process of its own (<c>dotnet Connectors.LocalHost.dll</c>), configured by
/// environment variables, so a test can kill it with SIGKILL and start it again on the same task hub.
/// </summary>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LocalHostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public static async Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(typeof(LocalHostApp).Assembly.Location);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["LocalHost__Urls"] = address.AbsoluteUri.TrimEnd('/');
        var apiKey = settings.TryGetValue("LocalHost:ApiKey", out var given) && given is not null ? given : Convert.ToHexString(Guid.NewGuid().ToByteArray());
        start.Environment["LocalHost__ApiKey"] = apiKey;
        start.Environment["Logging__LogLevel__Default"] = "Error";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new LocalHostProcess(process, address);
        host.Http.DefaultRequestHeaders.Add(LocalHostApiKeyOptions.HeaderName, apiKey);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var health = await host.Http.GetAsync("api/health");
                if (health.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"LocalHost did not answer on {address} within a minute (exited: {process.HasExited}).");
    }

    /// <summary>SIGKILL: no shutdown, no lease release, no flush.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
