using Connectors.Core.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Finds who a caller might be. By phone: SOSL over phone fields with the national digits (Salesforce
/// stores numbers as people typed them, mostly without the country code), returning Contacts with their
/// Account and Accounts themselves. By account number: SOQL on the configured Account field. Every match
/// comes back; a shared household line, a ported number still on its old owner, or twins are the flow's
/// to disambiguate with a gate, never ours to guess.
/// </summary>
public sealed partial class SalesforceCandidateFinder
{
    public const string PhoneMatch = "phone";
    public const string AccountNumberMatch = "account-number";

    /// <summary>Longest account number accepted; IVR input beyond this is not an account number.</summary>
    public const int MaxAccountNumberLength = 80;

    private readonly SalesforceRestClient _api;
    private readonly IOptions<SalesforceOptions> _options;
    private readonly ILogger _logger;

    public SalesforceCandidateFinder(SalesforceRestClient api, IOptions<SalesforceOptions> options, ILogger<SalesforceCandidateFinder> logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
    }

    public async Task<IReadOnlyList<CrmCandidate>> FindByPhoneAsync(PhoneNumber phone, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var sosl = $"FIND {{{SoslText.EscapeTerm(phone.NationalDigits)}}} IN PHONE FIELDS "
                   + "RETURNING Contact(Id, Name, AccountId, Account.Name), Account(Id, Name)";
        var records = await _api.SearchAsync(sosl, call, "find-by-phone", cancellationToken);

        var contacts = new List<CrmCandidate>();
        var accounts = new List<CrmCandidate>();
        foreach (var record in records)
        {
            var id = SalesforceJson.String(record, "Id");
            switch (SalesforceJson.Type(record))
            {
                case "Contact" when id is not null && SalesforceJson.String(record, "AccountId") is { } accountId:
                    contacts.Add(new CrmCandidate(accountId, SalesforceJson.String(record, "Name") ?? string.Empty, PhoneMatch, id));
                    break;
                case "Account" when id is not null:
                    accounts.Add(new CrmCandidate(id, SalesforceJson.String(record, "Name") ?? string.Empty, PhoneMatch));
                    break;
            }
        }

        // A matching contact says more than its account matching too; an account matched only on its own
        // phone stays a candidate of its own.
        var candidates = contacts
            .Concat(accounts.Where(a => contacts.All(c => c.AccountId != a.AccountId)))
            .Distinct()
            .ToList();
        LogFound(PhoneMatch, phone.Masked, candidates.Count);
        return candidates;
    }

    public async Task<IReadOnlyList<CrmCandidate>> FindByAccountNumberAsync(string accountNumber, CrmCallContext call, CancellationToken cancellationToken)
    {
        var number = accountNumber?.Trim() ?? string.Empty;
        if (number.Length is 0 or > MaxAccountNumberLength)
        {
            return [];
        }

        var options = _options.Value;
        var soql = $"SELECT Id, Name FROM Account WHERE {options.AccountNumberField} = {SoqlText.Quote(number)} ORDER BY CreatedDate ASC";
        var records = await _api.QueryAsync(soql, call, "find-by-account-number", cancellationToken);
        var candidates = records
            .Select(r => (Id: SalesforceJson.String(r, "Id"), Name: SalesforceJson.String(r, "Name")))
            .Where(r => r.Id is not null)
            .Select(r => new CrmCandidate(r.Id!, r.Name ?? string.Empty, AccountNumberMatch))
            .Distinct()
            .ToList();
        LogFound(AccountNumberMatch, PhoneNumber.MaskDigits(number), candidates.Count);
        return candidates;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce lookup by {MatchedOn} {Masked} found {Count} candidates")]
    private partial void LogFound(string matchedOn, string masked, int count);
}
