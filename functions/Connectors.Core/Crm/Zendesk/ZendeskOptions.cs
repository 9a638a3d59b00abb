using System.ComponentModel.DataAnnotations;
using Connectors.Core.Crm.Resilience;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// The Zendesk account the connector talks to and how. Bound from the <c>Zendesk</c> section; the
/// resilience pipeline's shape is bound separately from <c>Zendesk:Resilience</c>. Secrets (the API
/// token, the OAuth token) come from configuration (Key Vault references in Azure) and are never logged.
/// </summary>
public sealed class ZendeskOptions : IValidatableObject
{
    public const string SectionName = "Zendesk";

    /// <summary>The account's address, e.g. <c>https://acme.zendesk.com/</c>. Default: none (required).</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary><see cref="ZendeskAuthMode.ApiToken"/> or <see cref="ZendeskAuthMode.OAuth"/>. Default: ApiToken.</summary>
    public ZendeskAuthMode AuthMode { get; set; } = ZendeskAuthMode.ApiToken;

    /// <summary>Email of the agent the API token acts as (ApiToken mode). Default: none.</summary>
    [EmailAddress]
    public string? Email { get; set; }

    /// <summary>The API token (ApiToken mode). A secret. Default: none.</summary>
    public string? ApiToken { get; set; }

    /// <summary>The OAuth access token (OAuth mode). A secret. Default: none.</summary>
    public string? OAuthAccessToken { get; set; }

    /// <summary>Country calling code for reading phone numbers stored without one (national format). Default: 1.</summary>
    [RegularExpression("^[1-9][0-9]{0,2}$")]
    public string DefaultCountryCode { get; set; } = "1";

    /// <summary>User field key holding the account balance (a number or a numeric string). Default: balance.</summary>
    [Required]
    public string BalanceField { get; set; } = "balance";

    /// <summary>User field key holding the balance's ISO 4217 currency. Default: currency.</summary>
    [Required]
    public string CurrencyField { get; set; } = "currency";

    /// <summary>User field key holding the last four digits of the card on file. Default: card_last_four.</summary>
    [Required]
    public string CardLastFourField { get; set; } = "card_last_four";

    /// <summary>User field key holding the billing ZIP or postcode. Default: billing_zip.</summary>
    [Required]
    public string BillingZipField { get; set; } = "billing_zip";

    /// <summary>User field key (a date field) holding the date of birth. Default: date_of_birth.</summary>
    [Required]
    public string DateOfBirthField { get; set; } = "date_of_birth";

    /// <summary>Most candidates one lookup returns (search pages are followed up to this). Default: 50.</summary>
    [Range(2, 1_000)]
    public int MaxCandidates { get; set; } = 50;

    /// <summary>Recent contacts (the requester's latest tickets) on a snapshot. Default: 5.</summary>
    [Range(0, 100)]
    public int RecentContacts { get; set; } = 5;

    /// <summary>Times a safe update that met a newer ticket is re-read and tried again. Default: 3.</summary>
    [Range(1, 10)]
    public int MaxConflictRetries { get; set; } = 3;

    /// <summary>
    /// The status the call's ticket takes when the wrap-up writes its disposition: <c>open</c>, <c>pending</c>,
    /// <c>hold</c> or <c>solved</c> (a warm transfer's write leaves it <c>open</c> until then). Default: solved.
    /// </summary>
    [Required]
    [RegularExpression("^(open|pending|hold|solved)$")]
    public string DispositionStatus { get; set; } = "solved";

    /// <summary>
    /// Id of a ticket custom field (text or drop-down) that takes the call's outcome code, besides the outcome tag.
    /// Default: none (the outcome is a tag only).
    /// </summary>
    [Range(1, long.MaxValue)]
    public long? OutcomeFieldId { get; set; }

    /// <summary>The resilience pipeline of this account (section <c>Zendesk:Resilience</c>).</summary>
    [ValidateObjectMembers]
    public CrmResilienceOptions Resilience { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("Zendesk:BaseUrl must be an absolute URL.", [nameof(BaseUrl)]);
        }

        if (AuthMode == ZendeskAuthMode.ApiToken && (string.IsNullOrWhiteSpace(Email) || string.IsNullOrWhiteSpace(ApiToken)))
        {
            yield return new ValidationResult("ApiToken mode needs Zendesk:Email and Zendesk:ApiToken.", [nameof(Email), nameof(ApiToken)]);
        }

        if (AuthMode == ZendeskAuthMode.OAuth && string.IsNullOrWhiteSpace(OAuthAccessToken))
        {
            yield return new ValidationResult("OAuth mode needs Zendesk:OAuthAccessToken.", [nameof(OAuthAccessToken)]);
        }
    }
}
