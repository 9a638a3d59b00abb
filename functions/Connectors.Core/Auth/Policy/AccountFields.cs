using Connectors.Core.Crm;

namespace Connectors.Core.Auth.Policy;

/// <summary>
/// The account fields a policy can name, as they appear in a read's answer. Anything of the
/// snapshot not listed here can never be returned by a read. The knowledge answers (card last four,
/// billing ZIP, date of birth) are not readable: a read would turn the proof into something any
/// passed gate hands out, and the session keeps them only as keyed hashes.
/// </summary>
public static class AccountFields
{
    public const string AccountId = "accountId";
    public const string ContactId = "contactId";
    public const string DisplayName = "displayName";
    public const string Balance = "balance";
    public const string Currency = "currency";
    public const string MobileE164 = "mobileE164";
    public const string Email = "email";
    public const string AccountNumber = "accountNumber";
    public const string OpenCases = "openCases";
    public const string RecentContacts = "recentContacts";

    private static readonly Dictionary<string, Func<AccountSnapshot, object?>> Readers = new(StringComparer.OrdinalIgnoreCase)
    {
        [AccountId] = s => s.AccountId,
        [ContactId] = s => s.ContactId,
        [DisplayName] = s => s.DisplayName,
        [Balance] = s => s.Balance,
        [Currency] = s => s.Currency,
        [MobileE164] = s => s.MobileE164,
        [Email] = s => s.Email,
        [AccountNumber] = s => s.AccountNumber,
        [OpenCases] = s => s.OpenCases.Count == 0 ? null : s.OpenCases,
        [RecentContacts] = s => s.RecentContacts.Count == 0 ? null : s.RecentContacts,
    };

    /// <summary>Every field name, as written in answers.</summary>
    public static IReadOnlyCollection<string> All { get; } = [.. Readers.Keys];

    /// <summary>The field's name as written in answers, whatever its case in configuration; null when there is no such field.</summary>
    public static string? Canonical(string? name) =>
        name is not null && Readers.ContainsKey(name) ? All.First(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase)) : null;

    /// <summary>
    /// The named fields of <paramref name="snapshot"/> that hold a value, by canonical name.
    /// Unknown names are skipped (the validator refuses them at start-up).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, object>> Project(AccountSnapshot snapshot, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(names);
        var projected = new List<KeyValuePair<string, object>>();
        foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Canonical(name) is { } canonical && Readers[canonical](snapshot) is { } value)
            {
                projected.Add(new(canonical, value));
            }
        }

        return projected;
    }
}
