using System.Text.RegularExpressions;

namespace Connectors.Tests.Auth.Support;

/// <summary>
/// Finds a one-time code or a phone number in text, however it was written: a code as six digits not inside a
/// longer run of digits; a number with or without +1, with separators (spaces, dots, dashes, parentheses)
/// between its digits.
/// </summary>
internal static partial class LeakScanner
{
    public static bool ContainsCode(string text, string code) =>
        Regex.IsMatch(text, $"(?<![0-9]){code}(?![0-9])", RegexOptions.None, TimeSpan.FromSeconds(5));

    public static bool ContainsNumber(string text, string nationalDigits) =>
        Regex.IsMatch(Separators().Replace(text, string.Empty), $"(?<![0-9])(?:\\+?1)?{nationalDigits}(?![0-9])", RegexOptions.None, TimeSpan.FromSeconds(5))
        || Regex.IsMatch(Uri.UnescapeDataString(text), $"(?<![0-9])(?:\\+?1)?{nationalDigits}(?![0-9])", RegexOptions.None, TimeSpan.FromSeconds(5));

    /// <summary>A knowledge answer as a value of its own (not inside a longer run of letters or digits, such as a hash).</summary>
    public static bool ContainsAnswer(string text, string answer) =>
        Regex.IsMatch(text, $"(?<![0-9A-Za-z]){Regex.Escape(answer)}(?![0-9A-Za-z])", RegexOptions.None, TimeSpan.FromSeconds(5));

    /// <summary>Separators between two digits, so "(415) 555-0142" reads as "4155550142".</summary>
    [GeneratedRegex(@"(?<=[0-9])[\s().\-]+(?=[0-9])")]
    private static partial Regex Separators();
}
