using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Connectors.Core.Calls;

/// <summary>
/// A phone number in E.164 (<c>+</c> and 8 to 15 digits). A claim the network made about the caller,
/// never an identity. Parsing accepts what platforms send (E.164, <c>00</c>/<c>011</c> prefixes,
/// national numbers with punctuation) and rejects everything else with a reason.
/// </summary>
public sealed record PhoneNumber
{
    private static readonly HashSet<string> TwoDigitCountryCodes = new(StringComparer.Ordinal)
    {
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
        "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    };

    private PhoneNumber(string digits)
    {
        Digits = digits;
        CountryCode = digits[0] is '1' or '7' ? digits[..1]
            : TwoDigitCountryCodes.Contains(digits[..2]) ? digits[..2]
            : digits[..3];
    }

    /// <summary>All digits, country code first, without the plus.</summary>
    public string Digits { get; }

    /// <summary>The ITU country calling code (1 to 3 digits).</summary>
    public string CountryCode { get; }

    /// <summary>The significant national number: what CRMs store without the country code.</summary>
    public string NationalDigits => Digits[CountryCode.Length..];

    public string E164 => "+" + Digits;

    /// <summary>Safe for logs: only the last four digits.</summary>
    public string Masked => MaskDigits(Digits);

    public override string ToString() => E164;

    /// <summary>Masks any phone-like string to its last four digits, e.g. <c>***1234</c>.</summary>
    public static string MaskDigits(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length <= 4 ? "***" : "***" + digits[^4..];
    }

    /// <summary>
    /// Parses <paramref name="raw"/>. A number without an international prefix is read as national in
    /// the country of <paramref name="defaultCountryCode"/> (one trunk <c>0</c> dropped; NANP numbers
    /// must have 10 digits, or 11 starting with 1).
    /// </summary>
    public static bool TryParse(string? raw, string defaultCountryCode, [NotNullWhen(true)] out PhoneNumber? number, out string? error)
    {
        number = null;
        error = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            error = "The phone number is empty.";
            return false;
        }

        var trimmed = raw.Trim();
        var international = false;
        var digits = new StringBuilder(trimmed.Length);
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                international = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '\u00A0'))
            {
                error = "The phone number may hold only digits, a leading '+', spaces, dashes, dots and parentheses.";
                return false;
            }
        }

        var text = digits.ToString();
        if (!international)
        {
            if (text.StartsWith("00", StringComparison.Ordinal))
            {
                text = text[2..];
                international = true;
            }
            else if (defaultCountryCode == "1" && text.StartsWith("011", StringComparison.Ordinal))
            {
                text = text[3..];
                international = true;
            }
        }

        if (!international)
        {
            if (!TryNational(text, defaultCountryCode, out text, out error))
            {
                return false;
            }
        }

        if (text.Length is < 8 or > 15)
        {
            error = "An E.164 number has 8 to 15 digits including the country code.";
            return false;
        }

        if (text[0] == '0')
        {
            error = "A country calling code never starts with 0.";
            return false;
        }

        if (text[0] == '1' && !IsValidNanp(text[1..]))
        {
            error = "A +1 (NANP) number has 10 digits after the country code, and its area code and exchange start with 2-9.";
            return false;
        }

        number = new PhoneNumber(text);
        return true;
    }

    public static PhoneNumber Parse(string raw, string defaultCountryCode) =>
        TryParse(raw, defaultCountryCode, out var number, out var error)
            ? number
            : throw new FormatException(error);

    private static bool TryNational(string national, string defaultCountryCode, out string e164Digits, out string? error)
    {
        e164Digits = string.Empty;
        error = null;
        if (defaultCountryCode == "1")
        {
            if (national.Length == 11 && national[0] == '1')
            {
                national = national[1..];
            }

            if (national.Length != 10)
            {
                error = "A national (NANP) number has 10 digits.";
                return false;
            }

            e164Digits = "1" + national;
            return true;
        }

        if (national.StartsWith('0'))
        {
            national = national[1..];
        }

        if (national.Length < 4)
        {
            error = "The national number is too short.";
            return false;
        }

        e164Digits = defaultCountryCode + national;
        return true;
    }

    private static bool IsValidNanp(string national) =>
        national.Length == 10 && national[0] is >= '2' and <= '9' && national[3] is >= '2' and <= '9';

}
