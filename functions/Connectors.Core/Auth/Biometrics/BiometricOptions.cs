using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Auth.Biometrics;

/// <summary>Signed voice-biometric verdicts: which vendors, their secrets and thresholds, the clock tolerance.</summary>
public sealed class BiometricOptions : IValidatableObject
{
    public const string SectionName = "Biometrics";
    public const int MinimumSecretLength = 32;

    /// <summary>How far a signature's timestamp may be from now, either way. Default 00:05:00.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Vendors by name, as sent in <c>X-Biometric-Vendor</c> (<c>Biometrics:Vendors:{name}:Secret</c>). Default none.</summary>
    public Dictionary<string, BiometricVendorOptions> Vendors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, vendor) in Vendors)
        {
            if (!BiometricVerdictService.IsValidVendorName(name))
            {
                yield return new ValidationResult($"Biometric vendor name '{name}' may hold only letters, digits and '-' (1 to 40).", [nameof(Vendors)]);
            }

            if (vendor.Secret.Length < MinimumSecretLength)
            {
                yield return new ValidationResult($"Biometrics:Vendors:{name}:Secret must be at least {MinimumSecretLength} characters.", [nameof(Vendors)]);
            }

            if (vendor.MinimumScore is <= 0 or > 1 || double.IsNaN(vendor.MinimumScore))
            {
                yield return new ValidationResult($"Biometrics:Vendors:{name}:MinimumScore must be in (0, 1].", [nameof(Vendors)]);
            }
        }
    }
}
