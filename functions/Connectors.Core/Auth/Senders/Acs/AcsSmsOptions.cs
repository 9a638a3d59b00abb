using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Senders.Acs;

/// <summary>Azure Communication Services SMS over REST. Used when <c>Sms:Provider</c> is <c>Acs</c>.</summary>
public sealed class AcsSmsOptions : IValidatableObject
{
    public const string SectionName = "Sms:Acs";

    /// <summary>The resource endpoint, e.g. https://contoso.communication.azure.com/. Default: none (required).</summary>
    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>The resource access key (base64; secret, Key Vault in Azure) for HMAC-SHA256 request signing. Default: none (required).</summary>
    [Required]
    public string AccessKey { get; set; } = string.Empty;

    /// <summary>The E.164 number the resource owns, that codes come from. Default: none (required).</summary>
    [Required]
    [RegularExpression(@"^\+[1-9][0-9]{7,14}$")]
    public string FromNumber { get; set; } = string.Empty;

    /// <summary>The SMS REST api-version. Default 2021-03-07 (stable).</summary>
    [Required]
    [RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?$")]
    public string ApiVersion { get; set; } = "2021-03-07";

    /// <summary>The pipeline: every transient failure is retried, as repeatability makes a repeat harmless.</summary>
    [ValidateObjectMembers]
    public SenderResilienceOptions Resilience { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(AccessKey) && !Convert.TryFromBase64String(AccessKey, new byte[AccessKey.Length], out _))
        {
            yield return new ValidationResult("Sms:Acs:AccessKey must be base64, as the resource's keys are.", [nameof(AccessKey)]);
        }
    }
}
