using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// One-time passcodes: lifetime, tries, resend cool-down, anti-pumping caps and the SMS country allow-list
/// (facts: NIST 800-63B OOB rules; SMS pumping mitigations).
/// </summary>
public sealed class PasscodeOptions : IValidatableObject
{
    public const string SectionName = "StepUp:Passcodes";

    /// <summary>How long a code is valid. Default 00:05:00; at most 00:10:00 (NIST 800-63B).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "00:10:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong entries one code survives; the last one closes it. Default 5 (at most 5).</summary>
    [Range(1, 5)]
    public int MaxTriesPerCode { get; set; } = 5;

    /// <summary>Minimum time between two sends on one call and channel while the last may still arrive. Default 00:01:00.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sends to one account's channels in a rolling hour, across calls. Default 5.</summary>
    [Range(1, 50)]
    public int MaxSendsPerAccountPerHour { get; set; } = 5;

    /// <summary>Sends to one phone number or address in an hour, whatever the account (anti-pumping). Default 3.</summary>
    [Range(1, 50)]
    public int MaxSendsPerDestinationPerHour { get; set; } = 3;

    /// <summary>Wrong codes against one account, across calls, before verification is locked for the window. Default 10.</summary>
    [Range(1, 99)]
    public int MaxFailedVerifiesPerAccount { get; set; } = 10;

    /// <summary>How long an account's wrong codes count (and its lockout lasts). Default 01:00:00.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan VerifyLockoutWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Where SMS may go: ISO regions by the numbering plan ("US", "CA"; "+1 876" is Jamaica, not the US), or E.164
    /// digit prefixes, a country calling code ("1", "44") or a longer prefix ("1876") to admit part of one. Checked before anything is sent. Default (none set): ["1"]. The default is
    /// applied in <see cref="EffectiveSmsCountryAllowList"/>, not here, because configuration binding appends
    /// to an array it finds, and a configured list must replace the default, not extend it.
    /// </summary>
    public string[] SmsCountryAllowList { get; set; } = [];

    /// <summary>The allow-list in force: the configured prefixes, or ["1"] when none are configured.</summary>
    public IReadOnlyList<string> EffectiveSmsCountryAllowList => SmsCountryAllowList.Length == 0 ? ["1"] : SmsCountryAllowList;

    /// <summary>Country calling code assumed for a number on file written without one. Default "1".</summary>
    [RegularExpression("^[1-9][0-9]{0,2}$")]
    public string DefaultCountryCode { get; set; } = "1";

    /// <summary>Culture of the message when the request names none or one without a template. Default "en".</summary>
    [Required]
    public string DefaultCulture { get; set; } = "en";

    /// <summary>The name the caller knows, put in front of every message. Default "Connectors".</summary>
    [Required]
    [StringLength(30, MinimumLength = 1)]
    public string SenderName { get; set; } = "Connectors";

    /// <summary>Templates by culture ("en", "es", "fr-CA"), adding to or replacing the built-in en and es. Default none.</summary>
    public Dictionary<string, PasscodeTemplate> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in SmsCountryAllowList)
        {
            if (global::Connectors.Core.Auth.Passcodes.SmsCountryAllowList.Problem(entry) is { } problem)
            {
                yield return new ValidationResult(problem, [nameof(SmsCountryAllowList)]);
            }
        }

        foreach (var (culture, template) in Templates)
        {
            foreach (var (name, text) in new[] { ("SmsText", template.SmsText), ("EmailText", template.EmailText) })
            {
                if (!text.Contains("{code}", StringComparison.Ordinal))
                {
                    yield return new ValidationResult($"Template '{culture}' {name} must contain {{code}}.", [nameof(Templates)]);
                }
            }

            if (string.IsNullOrWhiteSpace(template.EmailSubject) || template.EmailSubject.Contains("{code}", StringComparison.Ordinal))
            {
                yield return new ValidationResult($"Template '{culture}' EmailSubject must be set and must not carry the code (subjects show on lock screens).", [nameof(Templates)]);
            }
        }
    }
}
