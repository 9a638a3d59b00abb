namespace Connectors.Scenarios.Running;

/// <summary>
/// Where the host is and how each platform proves itself to it. The defaults are LocalHost's (run-local.sh) and the
/// sample settings' channel secrets; a deployed host passes its own with the flags.
/// </summary>
public sealed record RunnerSettings
{
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:7071/");

    /// <summary>The function key (<c>x-functions-key</c>).</summary>
    public string? Key { get; init; }

    /// <summary>The CRM the host runs; scenarios for the other one are skipped.</summary>
    public string Crm { get; init; } = "salesforce";

    public string TwilioAuthToken { get; init; } = string.Empty;

    /// <summary>The public base URL Twilio signs over (the host's <c>Channels:Twilio:PublicBaseUrl</c>).</summary>
    public Uri? TwilioPublicBaseUrl { get; init; }

    public string WebhookSender { get; init; } = string.Empty;

    public string WebhookSecret { get; init; } = string.Empty;

    /// <summary>Simulator base URLs by name (salesforce, zendesk, twilio): fault control and the SMS inbox for passcodes.</summary>
    public IReadOnlyDictionary<string, Uri> Simulators { get; init; } = new Dictionary<string, Uri>();

    /// <summary>How many scenario runs go at once (those with faults always run alone).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>How long a lookup or a wrap-up may take before the run gives up on it.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(90);
}
