namespace Connectors.Simulators.TwilioMessaging;

/// <summary>
/// The account the simulator serves and how its numbers behave. Defaults match the local settings
/// (obviously fake credentials).
/// </summary>
public sealed record TwilioMessagingSimulatorOptions
{
    public string AccountSid { get; init; } = "AC00000000000000000000000000000001";

    public string AuthToken { get; init; } = "local-fake-twilio-auth-token";

    /// <summary>Numbers the account owns and may send from.</summary>
    public IReadOnlySet<string> OwnedNumbers { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "+15005550006" };

    public IReadOnlySet<string> MessagingServiceSids { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Geo permissions: E.164 prefixes SMS may go to (else 21408).</summary>
    public IReadOnlyList<string> GeoPermissions { get; init; } = ["1"];

    /// <summary>Well-formed numbers Twilio still calls invalid (21211).</summary>
    public IReadOnlySet<string> InvalidNumbers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Landlines and other numbers that cannot take SMS (21614).</summary>
    public IReadOnlySet<string> NotSmsCapable { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Recipients who replied STOP (21610).</summary>
    public IReadOnlySet<string> OptedOut { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
