using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Storage;
using Connectors.LocalHost;
using Connectors.Tests.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Calls;

/// <summary>
/// LocalHost on Kestrel at 127.0.0.1 (a free port) with its in-process queue, its real Table client on
/// Azurite (under a table prefix of this host's own), and the CRM port played by
/// <see cref="ScriptedCrmConnector"/>: these tests are about the call session and the gate, not about a CRM.
/// </summary>
public sealed class ScreenPopHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>Longest a test waits for the background prefetch; a bound, not a latency target.</summary>
    private static readonly TimeSpan FetchWaitBound = TimeSpan.FromSeconds(15);

    private ScreenPopHost(WebApplication app, Uri address, ScriptedCrmConnector crm, string tablePrefix)
    {
        _app = app;
        Crm = crm;
        TablePrefix = tablePrefix;
        Client = Connectors.Tests.Http.LocalHostServer.KeyedClient(app.Services, address);
    }

    public HttpClient Client { get; }

    public ScriptedCrmConnector Crm { get; }

    public string TablePrefix { get; }

    public IServiceProvider Services => _app.Services;

    public ICallSessionStore Sessions => Services.GetRequiredService<ICallSessionStore>();

    public static async Task<ScreenPopHost> StartAsync(ScriptedCrmConnector crm, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var tablePrefix = AzuriteStorage.NewTablePrefix("pop");
        var overrides = new Dictionary<string, string?>(AzuriteStorage.Settings(tablePrefix))
        {
            ["LocalHost:Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            // Failed prefetches are redelivered quickly so a test sees the second delivery.
            ["InProcessQueue:RedeliveryBaseDelay"] = "00:00:00.050",
            ["InProcessQueue:RedeliveryMaxDelay"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var app = LocalHostApp.Create([], overrides, services =>
        {
            services.AddSingleton<ICrmConnector>(crm);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ScreenPopHost(app, new Uri(address.TrimEnd('/') + "/"), crm, tablePrefix);
    }

    public Task<HttpResponseMessage> ConnectAsync(string callId, string? callerNumber, string? ivrDigits = null, bool dryRun = false) =>
        Client.PostAsJsonAsync($"api/calls/{callId}/connect", new { platform = "twilio", callerNumber, dialledNumber = "+18005551212", ivrDigits, dryRun });

    public Task<HttpResponseMessage> ReadAsync(string callId, string action) =>
        Client.GetAsync($"api/calls/{callId}/account?action={Uri.EscapeDataString(action)}");

    public async Task<JsonElement> SummaryAsync(string callId)
    {
        using var response = await Client.GetAsync($"api/calls/{callId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the summary (bounded) until the call's current fetch is no longer pending.</summary>
    public async Task<JsonElement> WaitForFetchAsync(string callId)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var summary = await SummaryAsync(callId);
            if (summary.TryGetProperty("fetchStatus", out var status) && status.GetString() != "pending")
            {
                return summary;
            }

            if (waited.Elapsed > FetchWaitBound)
            {
                throw new TimeoutException($"The fetch of {callId} did not finish within {FetchWaitBound.TotalSeconds:0} s.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>
    /// The call session's entity as Table Storage holds it (its ETag changes on every write), read through
    /// the host's own table client.
    /// </summary>
    public async Task<Azure.Data.Tables.TableEntity?> StoredSessionAsync(string callId)
    {
        var stored = await Services.GetRequiredService<DocumentTableFactory>().GetTableClient(CallSessionStore.TableName)
            .GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(callId, "session");
        return stored.HasValue ? stored.Value : null;
    }

    /// <summary>Records a passed method the way step-up authentication does: through the session store, bound to an account.</summary>
    public Task PassAsync(string callId, AuthMethod method, AssuranceLevel level, string accountId) =>
        Sessions.UpdateAsync(callId, s => s with { Auth = s.Auth.WithPass(new AuthPass(method, level, accountId, DateTimeOffset.UtcNow)) }, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
