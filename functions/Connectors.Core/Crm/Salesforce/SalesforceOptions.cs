using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Connectors.Core.Crm.Resilience;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// The Salesforce org this deployment talks to (section <c>Salesforce</c>). One deployment, one org:
/// the token cache, the resilience pipeline and the API budget are per org because they are per deployment.
/// Field and object names are interpolated into SOQL and REST paths, so each is held to Salesforce's
/// API-name alphabet here, at start-up.
/// </summary>
public sealed class SalesforceOptions : IValidatableObject
{
    public const string SectionName = "Salesforce";

    /// <summary>The lowest API version whose upsert answers say <c>created</c> (v46.0).</summary>
    public const decimal MinimumApiVersion = 46.0m;

    internal const string ApiNamePattern = "^[A-Za-z][A-Za-z0-9_]{0,79}\\z";

    /// <summary>
    /// The org's My Domain, e.g. <c>https://acme.my.salesforce.com</c>: the client-credentials grant is
    /// refused on login.salesforce.com. https, except on a loopback host (the simulator). Required.
    /// </summary>
    [Required]
    public Uri? MyDomainUrl { get; set; }

    /// <summary>Consumer key of the connected app with the client-credentials flow enabled. Required.</summary>
    [Required]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Consumer secret. From Key Vault in Azure (a Key Vault reference); never logged. Required.</summary>
    [Required]
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>REST API version, <c>NN.0</c>, at least 46.0 so upserts report <c>created</c>. Default 62.0.</summary>
    [Required]
    [RegularExpression(@"^\d{2,3}\.0$")]
    public string ApiVersion { get; set; } = "62.0";

    /// <summary>
    /// Object the disposition is upserted into. Default <c>Task</c>; another object must carry Task's call
    /// fields (Subject, Status, CallObject, CallDisposition, CallDurationInSeconds, Description, WhoId, WhatId, ActivityDate).
    /// </summary>
    [RegularExpression(ApiNamePattern)]
    public string DispositionObject { get; set; } = "Task";

    /// <summary>External-ID field (marked Unique) holding the idempotency key. Default <c>CallLog_Key__c</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string DispositionExternalIdField { get; set; } = "CallLog_Key__c";

    /// <summary>Object notes and transcripts are upserted into. Default <c>Call_Note__c</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string NoteObject { get; set; } = "Call_Note__c";

    /// <summary>External-ID field (Unique) of <see cref="NoteObject"/>. Default <c>Note_Key__c</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string NoteExternalIdField { get; set; } = "Note_Key__c";

    /// <summary>Text field of <see cref="NoteObject"/> holding the id of the record the note belongs to. Default <c>Related_Record_Id__c</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string NoteRecordField { get; set; } = "Related_Record_Id__c";

    /// <summary>Long text field of <see cref="NoteObject"/> holding the (redacted) body. Default <c>Body__c</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string NoteBodyField { get; set; } = "Body__c";

    /// <summary>Account field with the account number an IVR asks for. Default <c>Account_Number__c</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string AccountNumberField { get; set; } = "Account_Number__c";

    /// <summary>Account field with the balance. Default <c>Balance__c</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string BalanceField { get; set; } = "Balance__c";

    /// <summary>Account field with the ISO 4217 currency (multi-currency orgs). Default <c>CurrencyIsoCode</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string CurrencyField { get; set; } = "CurrencyIsoCode";

    /// <summary>Account field with the last four digits of the card on file. Default <c>Card_Last_Four__c</c>.</summary>
    [RegularExpression(ApiNamePattern)]
    public string CardLastFourField { get; set; } = "Card_Last_Four__c";

    /// <summary>Country calling code for numbers the org stores without one (mobile numbers on file). Default 1.</summary>
    [RegularExpression("^[1-9][0-9]{0,2}$")]
    public string DefaultCountryCode { get; set; } = "1";

    /// <summary>Open cases read into a snapshot. Default 10.</summary>
    [Range(0, 200)]
    public int SnapshotOpenCases { get; set; } = 10;

    /// <summary>Recent activities read into a snapshot. Default 5.</summary>
    [Range(0, 200)]
    public int SnapshotRecentContacts { get; set; } = 5;

    /// <summary>Result pages a lookup follows through <c>nextRecordsUrl</c> before it refuses as too broad. Default 10.</summary>
    [Range(1, 100)]
    public int MaxQueryPages { get; set; } = 10;

    /// <summary>
    /// Age after which a cached access token is replaced before use. Salesforce states no expiry (the
    /// session timeout, two hours by default, applies); a 401 refreshes it anyway. Default 01:30:00.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "24:00:00")]
    public TimeSpan TokenRefreshAfter { get; set; } = TimeSpan.FromMinutes(90);

    /// <summary>Timeout of one token request. Default 00:00:10.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TokenTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of the org's daily API allowance above which every request is delayed. Default 0.8.</summary>
    [Range(0.0, 1.0)]
    public double ApiUsageSlowdownRatio { get; set; } = 0.8;

    /// <summary>
    /// Share above which reads are refused as throttled without calling Salesforce, keeping what is left
    /// for the writes that record calls. Writes still go (delayed). Default 0.95.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ApiUsageShedReadsRatio { get; set; } = 0.95;

    /// <summary>The delay at 100% usage; it grows linearly from zero at <see cref="ApiUsageSlowdownRatio"/>. Default 00:00:02.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxApiUsageDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a reported usage is trusted; after that one request goes through to learn the current one. Default 00:01:00.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ApiUsageTrustedFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where agents open records (Lightning). Default: derived from <see cref="MyDomainUrl"/> (…my.salesforce.com → …lightning.force.com).</summary>
    public Uri? LightningBaseUrl { get; set; }

    /// <summary>The resilience pipeline of this org (section <c>Salesforce:Resilience</c>).</summary>
    [ValidateObjectMembers]
    public CrmResilienceOptions Resilience { get; set; } = new();

    /// <summary>The API version as a path segment, e.g. <c>v62.0</c>.</summary>
    public string VersionSegment => "v" + ApiVersion;

    /// <summary>Where an agent opens records: <see cref="LightningBaseUrl"/>, else the Lightning host of the My Domain.</summary>
    public Uri LightningBase()
    {
        if (LightningBaseUrl is not null)
        {
            return LightningBaseUrl;
        }

        var domain = MyDomainUrl ?? throw new InvalidOperationException("Salesforce:MyDomainUrl is not set.");
        const string suffix = ".my.salesforce.com";
        return domain.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(domain) { Host = domain.Host[..^suffix.Length] + ".lightning.force.com", Path = "/" }.Uri
            : new Uri(domain.GetLeftPart(UriPartial.Authority) + "/");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MyDomainUrl is { } domain)
        {
            if (!domain.IsAbsoluteUri || (domain.Scheme != Uri.UriSchemeHttps && !(domain.Scheme == Uri.UriSchemeHttp && domain.IsLoopback)))
            {
                yield return new ValidationResult("Salesforce:MyDomainUrl must be an absolute https URL (http only on a loopback host).", [nameof(MyDomainUrl)]);
            }
            else if (domain.AbsolutePath != "/" || !string.IsNullOrEmpty(domain.Query))
            {
                yield return new ValidationResult("Salesforce:MyDomainUrl is the bare My Domain address, without a path or query.", [nameof(MyDomainUrl)]);
            }
            else if (domain.Host.Equals("login.salesforce.com", StringComparison.OrdinalIgnoreCase)
                     || domain.Host.Equals("test.salesforce.com", StringComparison.OrdinalIgnoreCase))
            {
                yield return new ValidationResult("Salesforce:MyDomainUrl must be the org's My Domain; the client-credentials flow is not served by login/test.salesforce.com.", [nameof(MyDomainUrl)]);
            }
        }

        if (decimal.TryParse(ApiVersion, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) && version < MinimumApiVersion)
        {
            yield return new ValidationResult($"Salesforce:ApiVersion must be {MinimumApiVersion:0.0} or later, so upserts say whether they created the record.", [nameof(ApiVersion)]);
        }

        if (ApiUsageShedReadsRatio < ApiUsageSlowdownRatio)
        {
            yield return new ValidationResult("Salesforce:ApiUsageShedReadsRatio must not be below Salesforce:ApiUsageSlowdownRatio.", [nameof(ApiUsageShedReadsRatio)]);
        }
    }
}
