using System.Diagnostics.CodeAnalysis;

namespace Connectors.Core.Http;

/// <summary>
/// The one place every id-like input (call id, account number, IVR digits, biometric vendor, assertion id, reason
/// and action codes) is checked, character by character over the WHOLE string. No regular expression: a
/// <c>^…$</c> pattern accepts a value ending in a newline, which then reaches a table key or a URL.
/// </summary>
public static class InputIdentifiers
{
    public const int CallIdMaxLength = 128;
    public const int AccountNumberMaxLength = 32;
    public const int IvrDigitsMaxLength = 32;
    public const int VendorNameMaxLength = 40;
    public const int AssertionIdMaxLength = 128;
    public const int CodeMaxLength = 48;

    /// <summary>1-128 of letters, digits, '.', '_', ':' and '-', starting with a letter or digit.</summary>
    public static bool IsCallId([NotNullWhen(true)] string? value) => Conforms(value, CallIdMaxLength, "._:-", lowerCaseOnly: false);

    /// <summary>1-32 of letters, digits and '-', starting with a letter or digit.</summary>
    public static bool IsAccountNumber([NotNullWhen(true)] string? value) => Conforms(value, AccountNumberMaxLength, "-", lowerCaseOnly: false);

    /// <summary>1-32 keypad digits (0-9).</summary>
    public static bool IsIvrDigits([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= IvrDigitsMaxLength } && value.All(char.IsAsciiDigit);

    /// <summary>1-40 of letters, digits and '-', starting with a letter or digit.</summary>
    public static bool IsVendorName([NotNullWhen(true)] string? value) => Conforms(value, VendorNameMaxLength, "-", lowerCaseOnly: false);

    /// <summary>1-128 of letters, digits, '.', '_', ':' and '-', starting with a letter or digit.</summary>
    public static bool IsAssertionId([NotNullWhen(true)] string? value) => Conforms(value, AssertionIdMaxLength, "._:-", lowerCaseOnly: false);

    /// <summary>A short code (an action, a reason): 1-48 lower-case letters, digits and '-', starting with a letter or digit.</summary>
    public static bool IsCode([NotNullWhen(true)] string? value) => Conforms(value, CodeMaxLength, "-", lowerCaseOnly: true);

    /// <summary>At most <paramref name="maxLength"/> characters of <paramref name="value"/> for an answer's detail, marked when cut.</summary>
    public static string Echo(string value, int maxLength = CodeMaxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var printable = new string(value.Take(maxLength).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > maxLength ? printable + "…" : printable;
    }

    private static bool Conforms(string? value, int maxLength, string punctuation, bool lowerCaseOnly)
    {
        if (value is null || value.Length == 0 || value.Length > maxLength || !IsLetterOrDigit(value[0], lowerCaseOnly))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsLetterOrDigit(c, lowerCaseOnly) && !punctuation.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetterOrDigit(char c, bool lowerCaseOnly) =>
        char.IsAsciiDigit(c) || (lowerCaseOnly ? char.IsAsciiLetterLower(c) : char.IsAsciiLetter(c));
}
