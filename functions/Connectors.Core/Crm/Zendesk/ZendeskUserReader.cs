using System.Globalization;
using System.Text.Json;
using Connectors.Core.Calls;
using Microsoft.Extensions.Logging;
using static Connectors.Core.Crm.Zendesk.ZendeskWire;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// The caller's side of Zendesk: end users found by phone or account number, and the snapshot of one (the user's
/// fields and requested tickets). Agents are never candidates and their profiles are never read out.
/// </summary>
internal sealed class ZendeskUserReader
{
    private static readonly HashSet<string> OpenStatuses = new(StringComparer.OrdinalIgnoreCase) { "new", "open", "pending", "hold" };

    private readonly ZendeskApiClient _api;
    private readonly ZendeskOptions _options;
    private readonly ILogger _logger;

    public ZendeskUserReader(ZendeskApiClient api, ZendeskOptions options, ILogger logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// End users whose phone ends with the number's national digits (<c>phone:*{digits}</c>, no <c>+</c>), which
    /// matches the number however it was stored: with the country code, with a trunk 0, with punctuation.
    /// New users are missing for a while: search reads an index that lags writes.
    /// </summary>
    public async Task<IReadOnlyList<CrmCandidate>> FindByPhoneAsync(PhoneNumber phone, CrmCallContext call, CancellationToken cancellationToken)
    {
        var query = "role:end-user phone:*" + phone.NationalDigits;
        var users = await _api.SearchUsersAsync(query, _options.MaxCandidates, call, cancellationToken);
        var candidates = Candidates(users, "phone");
        _logger.LogInformation("Zendesk phone lookup for {Caller}: {CandidateCount} candidates", phone.Masked, candidates.Count);
        return candidates;
    }

    /// <summary>The end user whose <c>external_id</c> is the account number the caller keyed in (exact, not searched).</summary>
    public async Task<IReadOnlyList<CrmCandidate>> FindByAccountNumberAsync(string accountNumber, CrmCallContext call, CancellationToken cancellationToken)
    {
        var users = await _api.FindUsersByExternalIdAsync(accountNumber.Trim(), call, cancellationToken);
        var candidates = Candidates(users, "account-number");
        _logger.LogInformation("Zendesk account-number lookup: {CandidateCount} candidates", candidates.Count);
        return candidates;
    }

    public async Task<AccountSnapshot?> ReadSnapshotAsync(long userId, CrmCallContext call, CancellationToken cancellationToken)
    {
        var userRead = _api.GetUserAsync(userId, call, cancellationToken);
        var ticketsRead = _api.GetRequestedTicketsAsync(userId, call, cancellationToken);
        await Task.WhenAll(userRead, ticketsRead);
        var user = await userRead;
        // Only end users are accounts; an agent's profile is never read out to a caller.
        if (user is null || !IsEndUser(user))
        {
            return null;
        }

        var tickets = await ticketsRead ?? [];
        var fields = user.UserFields ?? [];
        return new AccountSnapshot
        {
            AccountId = ZendeskIds.Text(user.Id),
            DisplayName = user.Name ?? string.Empty,
            Balance = DecimalField(fields, _options.BalanceField),
            Currency = TextField(fields, _options.CurrencyField)?.ToUpperInvariant(),
            CardLastFour = LastFour(TextField(fields, _options.CardLastFourField)),
            BillingZip = TextField(fields, _options.BillingZipField),
            DateOfBirth = IsoDate(TextField(fields, _options.DateOfBirthField)),
            MobileE164 = PhoneNumber.TryParse(user.Phone, _options.DefaultCountryCode, out var mobile, out _) ? mobile.E164 : null,
            Email = user.Email,
            AccountNumber = user.ExternalId,
            OpenCases = tickets
                .Where(t => t.Status is not null && OpenStatuses.Contains(t.Status))
                .Select(t => new CrmCaseSummary(ZendeskIds.Text(t.Id), t.Subject ?? string.Empty, t.Status!, t.CreatedAt))
                .ToList(),
            RecentContacts = tickets
                .OrderByDescending(t => t.CreatedAt)
                .Take(_options.RecentContacts)
                .Select(t => new CrmRecentContact(ZendeskIds.Text(t.Id), t.Via?.Channel ?? "unknown", t.Subject ?? string.Empty, t.CreatedAt))
                .ToList(),
        };
    }

    private static List<CrmCandidate> Candidates(IEnumerable<User> users, string matchedOn) =>
        users
            .Where(IsEndUser)
            .DistinctBy(u => u.Id)
            .Select(u => new CrmCandidate(ZendeskIds.Text(u.Id), u.Name ?? string.Empty, matchedOn))
            .ToList();

    private static bool IsEndUser(User user) => user.Role is null || string.Equals(user.Role, "end-user", StringComparison.OrdinalIgnoreCase);

    private static string? TextField(Dictionary<string, JsonElement> fields, string key) =>
        fields.TryGetValue(key, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text.Trim() : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Balance fields are numbers in some accounts and numeric text in others.</summary>
    private static decimal? DecimalField(Dictionary<string, JsonElement> fields, string key) =>
        fields.TryGetValue(key, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;

    /// <summary>Only ever the last four digits, even when a field wrongly holds a whole card number.</summary>
    private static string? LastFour(string? value)
    {
        var digits = value is null ? string.Empty : new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 4 ? digits[^4..] : null;
    }

    /// <summary>Zendesk date fields arrive as <c>yyyy-MM-dd</c>, sometimes with a time appended.</summary>
    private static string? IsoDate(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
