namespace Connectors.Core.Auth.Biometrics;

public enum BiometricSignatureCheck
{
    Valid,
    /// <summary>No header, or not <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>.</summary>
    Malformed,
    /// <summary>Signed outside the tolerance window (too old, or too far in the future).</summary>
    Stale,
    /// <summary>No <c>v1</c> matches the HMAC of <c>{t}.{body}</c> under the vendor's secret.</summary>
    Mismatch,
}
