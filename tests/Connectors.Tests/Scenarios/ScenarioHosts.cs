using Connectors.Tests.Storage;

namespace Connectors.Tests.Scenarios;

/// <summary>
/// The hosts the scenario tests share, each started once on first use: one on Salesforce, one on Zendesk, and one on
/// Salesforce with a changed policy (balance needs a passcode) and a changed outcome mapping (balance → GENERAL_ENQUIRY).
/// </summary>
public sealed class ScenarioHosts : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string?> ChangedSettings = new Dictionary<string, string?>
    {
        ["AccountPolicy:Actions:balance:RequiredLevel"] = "Possession",
        ["AccountPolicy:Actions:balance:AllowedMethods:0"] = "SmsPasscode",
        ["AccountPolicy:Actions:balance:AllowedMethods:1"] = "EmailPasscode",
        ["AccountPolicy:Actions:balance:VisibleFields:0"] = "displayName",
        ["AccountPolicy:Actions:balance:VisibleFields:1"] = "balance",
        ["AccountPolicy:Actions:balance:VisibleFields:2"] = "currency",
        ["WrapUp:IntentCodes:balance"] = "GENERAL_ENQUIRY",
        ["WrapUp:IntentCodes:billing-dispute"] = "BILLING_DISPUTE_CREDIT",
        ["WrapUp:IntentCodes:duplicate-charge dispute"] = "BILLING_DISPUTE_CREDIT",
        ["WrapUp:IntentCodes:address-change"] = "ADDRESS_CHANGE",
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ScenarioHost> _hosts = new(StringComparer.Ordinal);

    internal Task<ScenarioHost> SalesforceAsync() => GetAsync("salesforce", "salesforce", null);

    internal Task<ScenarioHost> ZendeskAsync() => GetAsync("zendesk", "zendesk", null);

    internal Task<ScenarioHost> ChangedAsync() => GetAsync("changed", "salesforce", ChangedSettings);

    private async Task<ScenarioHost> GetAsync(string name, string crm, IReadOnlyDictionary<string, string?>? settings)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_hosts.TryGetValue(name, out var host))
            {
                host = await ScenarioHost.StartAsync(AzuriteStorage.ConnectionString, crm, settings);
                _hosts[name] = host;
            }

            return host;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            await host.DisposeAsync();
        }

        _gate.Dispose();
    }
}
