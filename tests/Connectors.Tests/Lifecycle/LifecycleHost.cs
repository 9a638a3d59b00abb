using Connectors.Core.Crm;
using Connectors.Tests.Fakes;
using Connectors.Tests.Http;
using Microsoft.Extensions.Logging.Testing;

namespace Connectors.Tests.Lifecycle;

/// <summary>One LocalHost of the lifecycle rig: the CRM it is deployed with, its clock, its table prefix and its logs.</summary>
public sealed class LifecycleHost(CrmKind crm, LocalHostServer server, OffsetTimeProvider clock, string tablePrefix, FakeLogCollector logs) : IAsyncDisposable
{
    private readonly HttpClient _plain = new() { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };

    public CrmKind Crm { get; } = crm;

    public LocalHostServer Server { get; } = server;

    /// <summary>The host's "now": real time plus the silences the lifecycles have kept (timers stay real).</summary>
    public OffsetTimeProvider Clock { get; } = clock;

    public string TablePrefix { get; } = tablePrefix;

    public FakeLogCollector Logs { get; } = logs;

    public string ApiKey => LocalHostServer.ApiKey(Server.Services);

    /// <summary>Sends <paramref name="request"/> as recorded (the key only where the request carries it).</summary>
    public async Task<(int Status, string Body)> SendAsync(LifecycleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = request.ToMessage(ApiKey);
        using var response = await _plain.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _plain.Dispose();
        await Server.DisposeAsync();
    }
}
