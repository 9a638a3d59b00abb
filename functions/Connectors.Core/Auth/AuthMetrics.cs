using System.Diagnostics.Metrics;
using Connectors.Core.Observability;

namespace Connectors.Core.Auth;

/// <summary>
/// The auth contract signal: attempts by method and outcome, from which the pass rate per method is read;
/// and one-time-code sends by channel, provider and delivery outcome.
/// </summary>
public sealed class AuthMetrics
{
    public const string AttemptsName = MetricNames.AuthAttempts;
    public const string PasscodeSendsName = MetricNames.PasscodeSends;

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _sends;

    public AuthMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.MeterName);
        _attempts = meter.CreateCounter<long>(AttemptsName, "{attempt}", "Step-up authentication attempts, by method and outcome.");
        _sends = meter.CreateCounter<long>(PasscodeSendsName, "{send}", "One-time-code sends, by channel, provider and delivery outcome.");
    }

    public void RecordAttempt(AuthMethod method, string outcome) =>
        _attempts.Add(1,
            new KeyValuePair<string, object?>("method", MethodTag(method)),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordSend(string channel, string provider, string outcome) =>
        _sends.Add(1,
            new KeyValuePair<string, object?>("channel", channel),
            new KeyValuePair<string, object?>("provider", provider),
            new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The method as a metric tag and log value: <c>knowledge-check</c>, <c>sms-passcode</c>, ...</summary>
    public static string MethodTag(AuthMethod method) => method switch
    {
        AuthMethod.KnowledgeCheck => "knowledge-check",
        AuthMethod.SmsPasscode => "sms-passcode",
        AuthMethod.EmailPasscode => "email-passcode",
        AuthMethod.VoiceBiometric => "voice-biometric",
        _ => method.ToString(),
    };
}
