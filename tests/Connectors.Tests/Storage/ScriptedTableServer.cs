using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Tests.Storage;

/// <summary>
/// A real HTTP server on 127.0.0.1 that records every request and answers with the responses it was
/// scripted with (then 204): for what Azurite cannot be made to do on demand (503, 429, slowness).
/// </summary>
public sealed class ScriptedTableServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ScriptedTableServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Base address with the account path, as Azurite's: <c>http://127.0.0.1:port/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<ScriptedTableServer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var server = new ScriptedTableServer(builder.Build());
        server._app.Run(server.AnswerAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.TableEndpoint = new Uri(address.TrimEnd('/') + "/devstoreaccount1");
        return server;
    }

    public void Enqueue(int status, IReadOnlyDictionary<string, string>? headers = null, string body = "", TimeSpan delay = default) =>
        _script.Enqueue(new ScriptedResponse(status, headers ?? new Dictionary<string, string>(), body, delay));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));

        var response = _script.TryDequeue(out var scripted) ? scripted : new ScriptedResponse(204, new Dictionary<string, string>(), string.Empty, TimeSpan.Zero);
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body.Length > 0)
        {
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

    private sealed record ScriptedResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan Delay);
}
