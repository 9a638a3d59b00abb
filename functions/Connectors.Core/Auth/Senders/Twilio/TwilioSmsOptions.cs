using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Senders.Twilio;

/// <summary>Twilio Programmable Messaging. Used when <c>Sms:Provider</c> is <c>Twilio</c>.</summary>
public sealed class TwilioSmsOptions : IValidatableObject
{
    public const string SectionName = "Sms:Twilio";

    /// <summary>The REST API root. Default https://api.twilio.com/.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com/");

    /// <summary>The account (AC + 32 hex). Default: none (required).</summary>
    [Required]
    [RegularExpression("^AC[0-9a-fA-F]{32}$")]
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>The account's Auth Token (secret; Key Vault in Azure). Default: none (required).</summary>
    [Required]
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>The E.164 number codes come from; or set <see cref="MessagingServiceSid"/>. Default: none.</summary>
    public string? FromNumber { get; set; }

    /// <summary>A Messaging Service (MG + 32 hex) to send through instead of one number. Default: none.</summary>
    [RegularExpression("^MG[0-9a-fA-F]{32}$")]
    public string? MessagingServiceSid { get; set; }

    /// <summary>The pipeline: no retry once a request may have reached Twilio (it has no idempotency key).</summary>
    [ValidateObjectMembers]
    public SenderResilienceOptions Resilience { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(FromNumber) == string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            yield return new ValidationResult("Set exactly one of Sms:Twilio:FromNumber or Sms:Twilio:MessagingServiceSid.", [nameof(FromNumber), nameof(MessagingServiceSid)]);
        }
    }
}
