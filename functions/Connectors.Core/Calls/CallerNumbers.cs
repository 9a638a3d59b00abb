using Connectors.Core.Http;

namespace Connectors.Core.Calls;

/// <summary>
/// Reads the numbers a platform sends with a call. A withheld caller id is a fact about the call,
/// not an error: it becomes "no number". Anything else must be a phone number, or the request is a 400.
/// </summary>
public static class CallerNumbers
{
    private static readonly string[] WithheldWords = ["anonymous", "restricted", "private", "unavailable", "unknown", "withheld", "blocked", "none"];

    // Some platforms present a withheld caller id as the word spelled on a phone keypad (ANONYMOUS as +266696687).
    private static readonly HashSet<string> WithheldKeypadDigits = new(WithheldWords.Select(Keypad), StringComparer.Ordinal);

    /// <summary>True when <paramref name="raw"/> says the caller id is withheld (or says nothing).</summary>
    public static bool IsWithheld(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        var trimmed = raw.Trim();
        if (WithheldWords.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return trimmed.StartsWith('+') && WithheldKeypadDigits.Contains(trimmed[1..]);
    }

    /// <summary>
    /// The number in E.164, or null when withheld. Throws a 400 problem naming <paramref name="field"/>
    /// when it is neither.
    /// </summary>
    public static PhoneNumber? Normalize(string? raw, string field, string defaultCountryCode)
    {
        if (IsWithheld(raw))
        {
            return null;
        }

        return PhoneNumber.TryParse(raw, defaultCountryCode, out var number, out var error)
            ? number
            : throw new ProblemException(400, "invalid-phone-number", "Invalid phone number",
                $"'{field}' is not a phone number: {error} Send E.164 (+14155552671), a national number, or an empty/\"anonymous\" value when the caller id is withheld.");
    }

    /// <summary>The number in E.164, or null when withheld or not a phone number: for informational numbers only (the dialled number).</summary>
    public static PhoneNumber? TryNormalize(string? raw, string defaultCountryCode) =>
        !IsWithheld(raw) && PhoneNumber.TryParse(raw, defaultCountryCode, out var number, out _) ? number : null;

    private static string Keypad(string word) => string.Concat(word.Select(c => c switch
    {
        >= 'a' and <= 'c' => '2',
        >= 'd' and <= 'f' => '3',
        >= 'g' and <= 'i' => '4',
        >= 'j' and <= 'l' => '5',
        >= 'm' and <= 'o' => '6',
        >= 'p' and <= 's' => '7',
        >= 't' and <= 'v' => '8',
        _ => '9',
    }));
}
