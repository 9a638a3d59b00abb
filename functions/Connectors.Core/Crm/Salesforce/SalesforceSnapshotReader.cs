using System.Globalization;
using System.Text.Json;
using Connectors.Core.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Reads an account snapshot in one API call: the Account's fields with three child subqueries (its
/// first contact for the one-time-code channels and date of birth, open Cases, recent Tasks). One call
/// because the org's API allowance, not our compute, is the limit, and because the caller is waiting.
/// </summary>
public sealed partial class SalesforceSnapshotReader
{
    private readonly SalesforceRestClient _api;
    private readonly IOptions<SalesforceOptions> _options;
    private readonly ILogger _logger;

    public SalesforceSnapshotReader(SalesforceRestClient api, IOptions<SalesforceOptions> options, ILogger<SalesforceSnapshotReader> logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
    }

    public async Task<AccountSnapshot?> ReadAsync(string accountId, CrmCallContext call, CancellationToken cancellationToken)
    {
        if (!SalesforceRecordId.IsValid(accountId))
        {
            throw new CrmRejectedException(CrmKind.Salesforce, 400, "MALFORMED_ID", "An account id is 15 or 18 letters and digits.");
        }

        var records = await _api.QueryAsync(Soql(accountId), call, "read-snapshot", cancellationToken);
        return records.Count == 0 ? null : Read(records[0]);
    }

    internal string Soql(string accountId)
    {
        var o = _options.Value;
        var select = new List<string>
        {
            "Id", "Name", o.AccountNumberField, o.BalanceField, o.CurrencyField, o.CardLastFourField, "BillingPostalCode",
            "(SELECT Id, Name, MobilePhone, Email, Birthdate FROM Contacts ORDER BY CreatedDate ASC LIMIT 1)",
        };
        if (o.SnapshotOpenCases > 0)
        {
            select.Add(string.Create(CultureInfo.InvariantCulture,
                $"(SELECT Id, CaseNumber, Subject, Status, CreatedDate FROM Cases WHERE IsClosed = false ORDER BY CreatedDate DESC LIMIT {o.SnapshotOpenCases})"));
        }

        if (o.SnapshotRecentContacts > 0)
        {
            select.Add(string.Create(CultureInfo.InvariantCulture,
                $"(SELECT Id, Subject, TaskSubtype, CreatedDate FROM Tasks ORDER BY CreatedDate DESC LIMIT {o.SnapshotRecentContacts})"));
        }

        return $"SELECT {string.Join(", ", select.Distinct(StringComparer.OrdinalIgnoreCase))} FROM Account WHERE Id = {SoqlText.Quote(accountId)}";
    }

    private AccountSnapshot Read(JsonElement account)
    {
        var o = _options.Value;
        var accountId = SalesforceJson.String(account, "Id")!;
        var contact = SalesforceJson.Children(account, "Contacts").FirstOrDefault();
        var hasContact = contact.ValueKind == JsonValueKind.Object;
        return new AccountSnapshot
        {
            AccountId = accountId,
            ContactId = hasContact ? SalesforceJson.String(contact, "Id") : null,
            DisplayName = SalesforceJson.String(account, "Name") ?? string.Empty,
            AccountNumber = SalesforceJson.String(account, o.AccountNumberField),
            Balance = SalesforceJson.Decimal(account, o.BalanceField),
            Currency = SalesforceJson.String(account, o.CurrencyField),
            CardLastFour = LastFour(SalesforceJson.String(account, o.CardLastFourField), accountId),
            BillingZip = SalesforceJson.String(account, "BillingPostalCode"),
            DateOfBirth = hasContact ? SalesforceJson.String(contact, "Birthdate") : null,
            MobileE164 = hasContact ? Mobile(SalesforceJson.String(contact, "MobilePhone"), accountId) : null,
            Email = hasContact ? SalesforceJson.String(contact, "Email") : null,
            OpenCases = SalesforceJson.Children(account, "Cases")
                .Select(c => new CrmCaseSummary(
                    SalesforceJson.String(c, "Id") ?? string.Empty,
                    SalesforceJson.String(c, "Subject") ?? string.Empty,
                    SalesforceJson.String(c, "Status") ?? string.Empty,
                    SalesforceJson.DateTime(c, "CreatedDate")))
                .ToList(),
            RecentContacts = SalesforceJson.Children(account, "Tasks")
                .Select(t => new CrmRecentContact(
                    SalesforceJson.String(t, "Id") ?? string.Empty,
                    Channel(SalesforceJson.String(t, "TaskSubtype")),
                    SalesforceJson.String(t, "Subject") ?? string.Empty,
                    SalesforceJson.DateTime(t, "CreatedDate")))
                .ToList(),
        };
    }

    /// <summary>
    /// Only ever four digits leave: if the configured field holds more (a misconfigured org keeping the
    /// card number there), nothing is passed on.
    /// </summary>
    private string? LastFour(string? value, string accountId)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length == 4 && value.All(char.IsAsciiDigit))
        {
            return value;
        }

        LogNotLastFour(accountId);
        return null;
    }

    private string? Mobile(string? raw, string accountId)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (PhoneNumber.TryParse(raw, _options.Value.DefaultCountryCode, out var number, out _))
        {
            return number.E164;
        }

        LogUnusableMobile(accountId, PhoneNumber.MaskDigits(raw));
        return null;
    }

    private static string Channel(string? taskSubtype) => taskSubtype switch
    {
        "Call" => "phone",
        "Email" or "ListEmail" => "email",
        _ => "task",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: the card field does not hold exactly four digits; not passing it on")]
    private partial void LogNotLastFour(string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: the mobile number on file ({MaskedMobile}) is not a phone number; no SMS channel")]
    private partial void LogUnusableMobile(string accountId, string maskedMobile);
}
