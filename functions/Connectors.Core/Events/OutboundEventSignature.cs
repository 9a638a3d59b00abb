using Connectors.Core.Auth.Biometrics;

namespace Connectors.Core.Events;

/// <summary>
/// How a receiver knows a delivery is ours: <c>X-Connectors-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of
/// "{t}.{body}"&gt;</c> under the endpoint's secret, the scheme the inbound webhook and the biometric verdicts use
/// (one implementation, <see cref="BiometricSignature"/>). Verify over the raw body, reject a <c>t</c> more than a few
/// minutes old, and dedupe on the CloudEvent's <c>id</c>.
/// </summary>
public static class OutboundEventSignature
{
    public const string HeaderName = "X-Connectors-Signature";

    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body) => BiometricSignature.Sign(secret, at.ToUnixTimeSeconds(), body);
}
