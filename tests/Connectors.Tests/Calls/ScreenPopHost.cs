using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Storage;
using Connectors.Tests.Http;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Calls;

/// <summary>
/// LocalHost (through <see cref="LocalHostServer"/>) with its in-process queue, its real Table client on
/// Azurite (under a table prefix of this host's own), and the CRM port played by
/// <see cref="ScriptedCrmConnector"/>: these tests are about the call session and the gate, not about a CRM.
/// </summary>
public sealed class ScreenPopHost : IAsyncDisposable
{
    private readonly LocalHostServer _server;

    private ScreenPopHost(LocalHostServer server, ScriptedCrmConnector crm, string tablePrefix)
    {
        _server = server;
        Crm = crm;
        TablePrefix = tablePrefix;
    }

    public HttpClient Client => _server.Client;

    public ScriptedCrmConnector Crm { get; }

    public string TablePrefix { get; }

    public IServiceProvider Services => _server.Services;

    public ICallSessionStore Sessions => Services.GetRequiredService<ICallSessionStore>();

    public static async Task<ScreenPopHost> StartAsync(ScriptedCrmConnector crm, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var tablePrefix = AzuriteStorage.NewTablePrefix("pop");
        var overrides = new Dictionary<string, string?>(AzuriteStorage.Settings(tablePrefix))
        {
            // Failed prefetches are redelivered quickly so a test sees the second delivery.
            ["InProcessQueue:RedeliveryBaseDelay"] = "00:00:00.050",
            ["InProcessQueue:RedeliveryMaxDelay"] = "00:00:00.200",

            // The turn budget is a latency target (scripts/bench.sh measures it); here it only has to outlast a loaded
            // machine's Azurite, or a read answers "state-store-slow" where a test expects the decision it is about.
            ["Calls:TurnBudget"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var server = await LocalHostServer.StartAsync(overrides, services => services.AddSingleton<ICrmConnector>(crm));
        return new ScreenPopHost(server, crm, tablePrefix);
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

    /// <summary>Polls the summary until the call's current fetch is no longer pending.</summary>
    public Task<JsonElement> WaitForFetchAsync(string callId) =>
        Wait.ForAsync(() => SummaryAsync(callId), FetchIsDone, $"the fetch of {callId} to finish");

    /// <summary>A call summary whose current fetch is no longer pending.</summary>
    public static bool FetchIsDone(JsonElement summary) =>
        summary.TryGetProperty("fetchStatus", out var status) && status.GetString() != "pending";

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
        await _server.DisposeAsync();
    }
}
