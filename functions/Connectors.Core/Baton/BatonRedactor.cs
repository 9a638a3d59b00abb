using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.Core.Baton;

/// <summary>
/// Takes card numbers and one-time codes out of baton text before anything is stored. A card number is any run of
/// digits, written or spoken ("four two four two …", "double four"), joined by spaces, commas or dashes, that holds a
/// Luhn-valid stretch of 13 to 19 digits: the whole run goes. Where a turn (or the one before it) asks for a code,
/// PIN or CVV, every run of 3 to 8 digits in it goes too. Ordinary numbers (amounts, dates, ZIP codes) stay.
/// </summary>
public static partial class BatonRedactor
{
    public const string CardMarker = "[card number redacted]";
    public const string CodeMarker = "[code redacted]";

    private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>Redacts one transcript's turns in order; <paramref name="previousText"/> is the stored turn before the first.</summary>
    public static IReadOnlyList<string> RedactTurns(IReadOnlyList<string> texts, string? previousText)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var redacted = new List<string>(texts.Count);
        var askedBefore = previousText is not null && AsksForCode(previousText);
        foreach (var text in texts)
        {
            var asks = AsksForCode(text);
            redacted.Add(Redact(text, codeContext: asks || askedBefore));
            askedBefore = asks;
        }

        return redacted;
    }

    /// <summary>Redacts card numbers, and codes too when <paramref name="codeContext"/>.</summary>
    public static string Redact(string text, bool codeContext = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = Runs(text);
        if (runs.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (var run in runs)
        {
            string? marker = null;
            if (run.Digits.Length >= 13 && HasLuhnStretch(run.Digits))
            {
                marker = CardMarker;
            }
            else if (codeContext && run.Digits.Length is >= 3 and <= 8)
            {
                marker = CodeMarker;
            }

            if (marker is null)
            {
                continue;
            }

            result.Append(text, position, run.Start - position).Append(marker);
            position = run.End;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>True when a turn asks for (or gives) a one-time code, PIN or card security code.</summary>
    public static bool AsksForCode(string text) => CodeContext().IsMatch(text);

    /// <summary>True when some 13 to 19 consecutive digits of <paramref name="digits"/> pass the Luhn check.</summary>
    public static bool HasLuhnStretch(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        for (var length = 13; length <= Math.Min(19, digits.Length); length++)
        {
            for (var start = 0; start + length <= digits.Length; start++)
            {
                if (IsLuhnValid(digits.AsSpan(start, length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    /// <summary>Runs of digit tokens (digits or number words) joined only by spaces, commas or dashes.</summary>
    internal static IReadOnlyList<DigitRun> Runs(string text)
    {
        var runs = new List<DigitRun>();
        int start = -1, end = -1;
        var digits = new StringBuilder();
        foreach (Match token in DigitToken().Matches(text))
        {
            var joined = start >= 0 && Separator().IsMatch(text.AsSpan(end, token.Index - end));
            if (!joined && start >= 0)
            {
                runs.Add(new DigitRun(start, end, digits.ToString()));
                digits.Clear();
                start = -1;
            }

            if (start < 0)
            {
                start = token.Index;
            }

            end = token.Index + token.Length;
            digits.Append(TokenDigits(token));
        }

        if (start >= 0)
        {
            runs.Add(new DigitRun(start, end, digits.ToString()));
        }

        return runs;
    }

    private static string TokenDigits(Match token)
    {
        if (token.Groups["digits"].Success)
        {
            return token.Groups["digits"].Value;
        }

        var word = token.Groups["word"].Value.ToLowerInvariant();
        var digit = word == "oh" ? '0' : (char)('0' + Array.IndexOf(Words, word));
        var times = token.Groups["times"].Value.ToLowerInvariant() switch
        {
            "double" => 2,
            "triple" => 3,
            _ => 1,
        };
        return new string(digit, times);
    }

    internal readonly record struct DigitRun(int Start, int End, string Digits);

    [GeneratedRegex(@"(?<digits>\d+)|\b(?:(?<times>double|triple)[ \t]+)?(?<word>zero|oh|one|two|three|four|five|six|seven|eight|nine)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DigitToken();

    [GeneratedRegex(@"^[\s,\-]{0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"\b(?:code|passcode|pass\s+code|pin|cvv2?|cvc|security\s+code|verification|one[\s-]time)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeContext();
}
