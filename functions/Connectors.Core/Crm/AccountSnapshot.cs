namespace Connectors.Core.Crm;

/// <summary>
/// The fields of an account that the gate policy can name. Card data is the last four digits only;
/// the full number never leaves the CRM. <see cref="MobileE164"/> and <see cref="Email"/> are the
/// channels on file for one-time passcodes.
/// </summary>
public sealed record AccountSnapshot
{
    public required string AccountId { get; init; }

    public string? ContactId { get; init; }

    public required string DisplayName { get; init; }

    public decimal? Balance { get; init; }

    /// <summary>ISO 4217 code.</summary>
    public string? Currency { get; init; }

    /// <summary>As the CRM answered; never stored: the session keeps it only in <see cref="Knowledge"/>.</summary>
    public string? CardLastFour { get; init; }

    /// <summary>As the CRM answered; never stored: the session keeps it only in <see cref="Knowledge"/>.</summary>
    public string? BillingZip { get; init; }

    /// <summary>ISO 8601 date (yyyy-MM-dd), when the CRM holds one; never stored: the session keeps it only in <see cref="Knowledge"/>.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>The knowledge answers above as keyed hashes: what a stored snapshot holds instead of them.</summary>
    public Auth.Knowledge.KnowledgeDigests? Knowledge { get; init; }

    public string? MobileE164 { get; init; }

    public string? Email { get; init; }

    /// <summary>The account number as the CRM holds it (what an IVR would ask for).</summary>
    public string? AccountNumber { get; init; }

    public IReadOnlyList<CrmCaseSummary> OpenCases { get; init; } = [];

    public IReadOnlyList<CrmRecentContact> RecentContacts { get; init; } = [];
}
