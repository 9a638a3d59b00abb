using System.Globalization;
using System.Text;

namespace Connectors.Core.Auth.Knowledge;

/// <summary>
/// Brings an answer and the value on file to one canonical form before the constant-time comparison, so
/// formatting ("94105-1234", " 4242 ", "1984-07-19T00:00:00Z") never decides the outcome. Each method
/// returns null when there is nothing comparable.
/// </summary>
public static class KnowledgeAnswerNormalizer
{
    /// <summary>The four digits a caller gives: digits only, exactly four (more digits are refused, never truncated: a full card number must not be accepted here).</summary>
    public static string? LastFourAnswer(string? raw)
    {
        var digits = Digits(raw);
        return digits.Length == 4 ? digits : null;
    }

    /// <summary>The last four on file, however the CRM formats it ("**** 4242", "4242").</summary>
    public static string? LastFourOnFile(string? raw)
    {
        var digits = Digits(raw);
        return digits.Length >= 4 ? digits[^4..] : null;
    }

    /// <summary>
    /// A postal code: letters and digits only, upper case; a US ZIP or ZIP+4 becomes its first five digits.
    /// Other countries' codes (e.g. "SW1A 1AA") are compared whole.
    /// </summary>
    public static string? PostalCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        var code = builder.ToString();
        if (code.Length is 5 or 9 && code.All(char.IsAsciiDigit))
        {
            return code[..5];
        }

        return code.Length is >= 3 and <= 10 ? code : null;
    }

    /// <summary>A date as ISO 8601 <c>yyyy-MM-dd</c>; accepts <c>yyyy-MM-dd</c>, <c>yyyyMMdd</c> and ISO date-times.</summary>
    public static string? DateOfBirth(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim();
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        // A CRM may hold the date as a date-time; its calendar date is what was written, not a local conversion.
        if (text.Length > 10 && text[10] == 'T' &&
            DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return null;
    }

    private static string Digits(string? raw) =>
        raw is null ? string.Empty : new string(raw.Where(char.IsAsciiDigit).ToArray());
}
