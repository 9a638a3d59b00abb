using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PhoneNumbers;

namespace Connectors.Core.Calls;

/// <summary>
/// A phone number in E.164, checked against the numbering plan (libphonenumber's metadata): a claim the
/// network made about the caller, never an identity. Parsing accepts what platforms send (E.164,
/// <c>00</c>/<c>011</c> prefixes, national numbers with punctuation) and rejects everything else with a reason.
/// </summary>
public sealed record PhoneNumber
{
    private static readonly PhoneNumberUtil Plan = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string digits, string countryCode, string nationalDigits, string region)
    {
        Digits = digits;
        CountryCode = countryCode;
        NationalDigits = nationalDigits;
        Region = region;
    }

    /// <summary>All digits, country code first, without the plus.</summary>
    public string Digits { get; }

    /// <summary>The ITU country calling code (1 to 3 digits).</summary>
    public string CountryCode { get; }

    /// <summary>The significant national number: what CRMs store without the country code.</summary>
    public string NationalDigits { get; }

    /// <summary>The ISO 3166 region the number belongs to ("US", "CA", "JM", "GB"); "001" for non-geographic numbers.</summary>
    public string Region { get; }

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

    /// <summary>The ISO regions libphonenumber knows, for validating configured region codes.</summary>
    public static bool IsKnownRegion(string? region) => region is not null && Plan.GetSupportedRegions().Contains(region);

    /// <summary>
    /// Parses <paramref name="raw"/>. A number without an international prefix is read as national in the
    /// main region of calling code <paramref name="defaultCountryCode"/> ("1" reads as the US, "44" as GB).
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

        // What platforms send: digits, a leading '+', and punctuation. libphonenumber would also take letters
        // and extensions ("ext 12"), which no caller id carries.
        var trimmed = raw.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (!char.IsAsciiDigit(c) && !(c == '+' && i == 0) && c is not (' ' or '-' or '.' or '(' or ')' or '\u00A0'))
            {
                error = "The phone number may hold only digits, a leading '+', spaces, dashes, dots and parentheses.";
                return false;
            }
        }

        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        var text = trimmed.StartsWith('+') ? "+" + digits
            // The two international prefixes platforms use, whatever the default country's own is.
            : digits.StartsWith("00", StringComparison.Ordinal) ? "+" + digits[2..]
            : defaultCountryCode == "1" && digits.StartsWith("011", StringComparison.Ordinal) ? "+" + digits[3..]
            : digits;
        var defaultRegion = int.TryParse(defaultCountryCode, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? Plan.GetRegionCodeForCountryCode(code)
            : "ZZ";

        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Plan.Parse(text, defaultRegion);
        }
        catch (NumberParseException ex)
        {
            error = Reason(ex.ErrorType);
            return false;
        }

        if (parsed.HasExtension)
        {
            error = "The phone number has an extension.";
            return false;
        }

        if (!Plan.IsValidNumber(parsed))
        {
            error = Plan.IsPossibleNumberWithReason(parsed) switch
            {
                PhoneNumberUtil.ValidationResult.TOO_SHORT => "The phone number is too short for its country.",
                PhoneNumberUtil.ValidationResult.TOO_LONG => "The phone number is too long for its country.",
                PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => "The country calling code is not one in use.",
                _ => "The phone number is not in a range its country's numbering plan assigns (check the area code).",
            };
            return false;
        }

        var national = Plan.GetNationalSignificantNumber(parsed);
        var countryCode = parsed.CountryCode.ToString(CultureInfo.InvariantCulture);
        number = new PhoneNumber(countryCode + national, countryCode, national, Plan.GetRegionCodeForNumber(parsed) ?? "ZZ");
        return true;
    }

    public static PhoneNumber Parse(string raw, string defaultCountryCode) =>
        TryParse(raw, defaultCountryCode, out var number, out var error)
            ? number
            : throw new FormatException(error);

    private static string Reason(ErrorType error) => error switch
    {
        ErrorType.INVALID_COUNTRY_CODE => "The country calling code is missing or not one in use.",
        ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "The phone number is too short.",
        ErrorType.TOO_LONG => "The phone number is too long.",
        _ => "The text is not a phone number.",
    };
}
