using Connectors.Core.Calls;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// The SMS geo-permission decision. An entry is an ISO region ("US", "CA": the number's region by the
/// numbering plan, so "+1 876" is Jamaica, not the US) or an E.164 digit prefix ("1", "44", "1415").
/// </summary>
public static class SmsCountryAllowList
{
    public static bool Allows(IEnumerable<string> entries, PhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(number);
        return entries.Any(entry => IsRegion(entry)
            ? string.Equals(entry, number.Region, StringComparison.OrdinalIgnoreCase)
            : number.Digits.StartsWith(entry, StringComparison.Ordinal));
    }

    /// <summary>A two-letter entry names a region; anything else is a digit prefix.</summary>
    public static bool IsRegion(string entry) => entry is { Length: 2 } && entry.All(char.IsAsciiLetter);

    /// <summary>Null when <paramref name="entry"/> is a region libphonenumber knows or an E.164 prefix (1 to 6 digits, not starting with 0).</summary>
    public static string? Problem(string? entry) =>
        entry is null ? "An SMS allow-list entry is empty."
        : IsRegion(entry) ? PhoneNumber.IsKnownRegion(entry.ToUpperInvariant()) ? null : $"SMS allow-list entry '{entry}' is not a region the numbering plan knows."
        : entry is { Length: >= 1 and <= 6 } && entry.All(char.IsAsciiDigit) && entry[0] != '0' ? null
        : $"SMS allow-list entry '{entry}' is neither an ISO region (\"US\") nor an E.164 prefix (1 to 6 digits, not starting with 0).";
}
