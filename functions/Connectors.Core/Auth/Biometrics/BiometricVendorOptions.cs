namespace Connectors.Core.Auth.Biometrics;

/// <summary>One voice-biometrics vendor allowed to post verdicts.</summary>
public sealed class BiometricVendorOptions
{
    /// <summary>The shared HMAC-SHA256 secret (at least 32 characters; Key Vault in Azure). Default: none (required).</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The lowest match score (0..1, inclusive) that counts as a pass. Default 0.9.</summary>
    public double MinimumScore { get; set; } = 0.9;
}
