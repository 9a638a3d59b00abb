namespace Connectors.Simulators.Hosting;

/// <summary>
/// The one map from a simulator to the connector settings that point at it: the tests, the benchmark and
/// scripts/run-local.sh (through the lines the simulators process prints) all use it. Keys are configuration
/// paths (<c>Section:Key</c>); the sample settings' credentials are the simulators' defaults, so only
/// addresses are mapped.
/// </summary>
public static class SimulatorSettings
{
    public const string Salesforce = "salesforce";
    public const string Zendesk = "zendesk";
    public const string Twilio = "twilio";
    public const string Acs = "acs";
    public const string Graph = "graph";

    /// <summary>The settings that point the client of <paramref name="simulator"/> at <paramref name="baseAddress"/>.</summary>
    public static IReadOnlyDictionary<string, string?> For(string simulator, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress.AbsoluteUri : baseAddress.AbsoluteUri + "/";
        return simulator switch
        {
            Salesforce => new Dictionary<string, string?> { ["Salesforce:MyDomainUrl"] = root },
            Zendesk => new Dictionary<string, string?> { ["Zendesk:BaseUrl"] = root },
            Twilio => new Dictionary<string, string?> { ["Sms:Twilio:BaseUrl"] = root },
            Acs => new Dictionary<string, string?> { ["Sms:Acs:Endpoint"] = root },
            Graph => new Dictionary<string, string?> { ["Email:Graph:BaseUrl"] = root + "v1.0", ["Email:Graph:AuthorityHost"] = root },
            _ => throw new ArgumentOutOfRangeException(nameof(simulator), simulator, "No settings point at this simulator; add it to SimulatorSettings."),
        };
    }

    /// <summary>The settings for several simulators at once.</summary>
    public static Dictionary<string, string?> For(params (string Simulator, Uri BaseAddress)[] simulators)
    {
        ArgumentNullException.ThrowIfNull(simulators);
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (simulator, address) in simulators)
        {
            foreach (var (key, value) in For(simulator, address))
            {
                all[key] = value;
            }
        }

        return all;
    }

    /// <summary>A setting as an environment variable assignment (<c>Section__Key=value</c>), for scripts.</summary>
    public static string AsEnvironmentVariable(KeyValuePair<string, string?> setting) => setting.Key.Replace(":", "__", StringComparison.Ordinal) + "=" + setting.Value;
}
