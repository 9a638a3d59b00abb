using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Auth;

/// <summary>
/// The secret every step-up method shares. Codes and the pseudonyms of throttled subjects (account ids,
/// phone numbers, addresses) are keyed hashes under keys derived from it, so a table dump reveals neither.
/// </summary>
public sealed class StepUpOptions : IValidatableObject
{
    public const string SectionName = "StepUp";

    /// <summary>Minimum decoded length of <see cref="HashKey"/>: the HMAC-SHA256 block of security.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// Base64 of at least 32 random bytes; a Key Vault reference in Azure. Changing it invalidates codes in
    /// flight and restarts every lockout window. Default: none (required).
    /// </summary>
    [Required]
    public string HashKey { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(HashKey))
        {
            yield break;
        }

        var bytes = new byte[HashKey.Length];
        if (!Convert.TryFromBase64String(HashKey, bytes, out var length) || length < MinimumKeyBytes)
        {
            yield return new ValidationResult($"StepUp:HashKey must be base64 of at least {MinimumKeyBytes} bytes.", [nameof(HashKey)]);
        }
    }
}
