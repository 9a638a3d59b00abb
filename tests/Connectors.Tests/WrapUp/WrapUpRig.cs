using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Crm;
using Connectors.Core.Observability;
using Connectors.Core.WrapUp;
using Connectors.Simulators.Faults;
using Connectors.Simulators.Salesforce;
using Connectors.Simulators.Zendesk;
using Connectors.Tests.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// LocalHost (through <see cref="LocalHostServer"/>) on the real Durable Task engine over the test Azurite, wired to
/// one CRM simulator. Counts come from the simulator's own records and from the host's metrics.
/// </summary>
internal sealed class WrapUpRig : IAsyncDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);

    private WrapUpRig(CrmKind crm, LocalHostServer host, SalesforceSimulator? salesforce, ZendeskSimulator? zendesk)
    {
        Crm = crm;
        Host = host;
        Salesforce = salesforce;
        Zendesk = zendesk;
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name.StartsWith("connectors.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (_counters)
            {
                _counters[instrument.Name] = _counters.GetValueOrDefault(instrument.Name) + value;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            lock (_counters)
            {
                _counters[instrument.Name] = _counters.GetValueOrDefault(instrument.Name) + 1;
            }
        });
        _listener.Start();
    }

    public CrmKind Crm { get; }

    public LocalHostServer Host { get; }

    public HttpClient Http => Host.Client;

    public SalesforceSimulator? Salesforce { get; }

    public ZendeskSimulator? Zendesk { get; }

    public FaultInjector Faults => Salesforce?.Faults ?? Zendesk!.Faults;

    /// <summary>Fast retries and a short confirmation wait, so the suite stays quick; CRM timeouts well under the late-answer delay.</summary>
    public static Dictionary<string, string?> FastSettings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["WrapUp:FirstRetryInterval"] = "00:00:01",
        ["WrapUp:MaxRetryInterval"] = "00:00:02",
        ["WrapUp:RetryDeadline"] = "00:00:08",
        ["WrapUp:MaxAttempts"] = "6",
        ["WrapUp:ConfirmationTimeout"] = "00:00:03",
        ["DurableTask:PartitionCount"] = "1",
    };

    public static async Task<WrapUpRig> StartAsync(CrmKind crm, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var values = FastSettings();
        SalesforceSimulator? salesforce = null;
        ZendeskSimulator? zendesk = null;
        if (crm == CrmKind.Salesforce)
        {
            salesforce = await SalesforceSimulator.StartAsync();
            foreach (var (key, value) in SalesforceSettings(salesforce))
            {
                values[key] = value;
            }
        }
        else
        {
            var token = "wrapup-token-" + Guid.NewGuid().ToString("N");
            zendesk = await ZendeskSimulator.StartAsync(new ZendeskSimulatorSettings { ApiToken = token });
            foreach (var (key, value) in ZendeskSettings(zendesk, token))
            {
                values[key] = value;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var host = await LocalHostServer.StartAsync(values, configureServices);
        return new WrapUpRig(crm, host, salesforce, zendesk);
    }

    public static Dictionary<string, string?> SalesforceSettings(SalesforceSimulator salesforce) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Crm:Provider"] = "Salesforce",
        ["Salesforce:MyDomainUrl"] = salesforce.BaseAddress.ToString(),
        ["Salesforce:ClientId"] = salesforce.Settings.ClientId,
        ["Salesforce:ClientSecret"] = salesforce.Settings.ClientSecret,
        ["Salesforce:Resilience:AttemptTimeout"] = "00:00:01",
        ["Salesforce:Resilience:TotalTimeout"] = "00:00:03",
        ["Salesforce:Resilience:BaseDelay"] = "00:00:00.020",
        ["Salesforce:Resilience:MaxRetryAfter"] = "00:00:02",
    };

    public static Dictionary<string, string?> ZendeskSettings(ZendeskSimulator zendesk, string token) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Crm:Provider"] = "Zendesk",
        ["Zendesk:BaseUrl"] = zendesk.BaseAddress.AbsoluteUri,
        ["Zendesk:AuthMode"] = "ApiToken",
        ["Zendesk:Email"] = ZendeskSeedData.IntegrationAgentEmail,
        ["Zendesk:ApiToken"] = token,
        ["Zendesk:Resilience:AttemptTimeout"] = "00:00:01",
        ["Zendesk:Resilience:TotalTimeout"] = "00:00:03",
        ["Zendesk:Resilience:BaseDelay"] = "00:00:00.020",
        ["Zendesk:Resilience:MaxRetryAfter"] = "00:00:02",
    };

    public async Task ConnectAsync(string callId, bool dryRun = false)
    {
        using var response = await Http.PostAsJsonAsync($"api/calls/{callId}/connect", new { platform = "webhook", dialledNumber = "+18005551212", dryRun });
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> EndAsync(string callId, bool humanTookCall = false)
    {
        using var response = await Http.PostAsJsonAsync($"api/calls/{callId}/end", new { humanTookCall });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement?> WrapUpAsync(string callId)
    {
        using var response = await Http.GetAsync($"api/calls/{callId}/wrapup");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    /// <summary>Polls the wrap-up's status (bounded) until its state is one of <paramref name="states"/>.</summary>
    public async Task<JsonElement> WaitForStateAsync(string callId, TimeSpan patience, params string[] states)
    {
        var status = await Wait.ForAsync(
            async () =>
            {
                var last = await WrapUpAsync(callId);
                if (last is { } failed && failed.GetProperty("state").GetString() == "failed")
                {
                    throw new InvalidOperationException($"The wrap-up of {callId} failed: {failed}");
                }

                return last;
            },
            last => last is { } s && states.Contains(s.GetProperty("state").GetString()),
            $"the wrap-up of {callId} to be {string.Join(" or ", states)}",
            patience);
        return status!.Value;
    }

    /// <summary>Disposition records the simulator holds for the call (by the call's idempotency key).</summary>
    public int Dispositions(string callId)
    {
        var key = IdempotencyKey.For(callId, "disposition");
        return Salesforce is not null
            ? Salesforce.Org.Records("Task").Count(r => r.Text("CallLog_Key__c") == key)
            : Zendesk!.Account.Tickets().Count(t => t.ExternalId == key);
    }

    /// <summary>Every disposition key the simulator holds, with how many records carry it.</summary>
    public IReadOnlyDictionary<string, int> DispositionKeys() =>
        (Salesforce is not null
            ? Salesforce.Org.Records("Task").Select(r => r.Text("CallLog_Key__c"))
            : Zendesk!.Account.Tickets().Select(t => t.ExternalId))
        .Where(k => k is not null)
        .GroupBy(k => k!, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public long Counter(string name)
    {
        lock (_counters)
        {
            return _counters.GetValueOrDefault(name);
        }
    }

    public async Task<IReadOnlyList<JsonElement>> ParkedAsync()
    {
        var body = await Http.GetFromJsonAsync<JsonElement>("api/wrapups/parked");
        return body.GetProperty("parked").EnumerateArray().ToList();
    }

    public WrapUpJournal Journal => Host.Services.GetRequiredService<WrapUpJournal>();

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await Host.DisposeAsync();
        if (Salesforce is not null)
        {
            await Salesforce.DisposeAsync();
        }

        if (Zendesk is not null)
        {
            await Zendesk.DisposeAsync();
        }
    }
}
