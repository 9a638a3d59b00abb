using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.Core.Baton;

/// <summary>
/// Reads runs of digits out of text the way people say and type them: ASCII or full-width digits, digit words
/// ("four", "oh", "double two"), teens and tens ("fifteen", "forty-two"), joined by spaces, commas, dashes, dots,
/// slashes or fillers ("uh", "um", "like"). The redactor decides what a run is; this only finds them.
/// </summary>
internal static partial class DigitRunReader
{
    /// <summary>Longest stretch of separators and fillers that still joins two digit tokens into one run.</summary>
    private const int MaxSeparatorLength = 24;

    private static readonly string[] Units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private static readonly string[] Teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    public static IReadOnlyList<DigitRun> Read(string text)
    {
        var runs = new List<DigitRun>();
        int start = -1, end = -1;
        var digits = new StringBuilder();
        foreach (Match token in DigitToken().Matches(text))
        {
            var gap = start >= 0 ? text.AsSpan(end, token.Index - end) : default;
            var joined = start >= 0 && gap.Length <= MaxSeparatorLength && Separator().IsMatch(gap);
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

    /// <summary>True when <paramref name="gap"/> holds only what may sit between two digits of one number.</summary>
    public static bool IsSeparator(ReadOnlySpan<char> gap) => gap.Length <= MaxSeparatorLength && Separator().IsMatch(gap);

    private static string TokenDigits(Match token)
    {
        if (token.Groups["digits"].Success)
        {
            // \d matches every Unicode decimal digit (full-width ４２ included): each is read by its numeric value.
            var value = token.Groups["digits"].Value;
            var ascii = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                ascii.Append((char)('0' + (int)char.GetNumericValue(c)));
            }

            return ascii.ToString();
        }

        if (token.Groups["tens"].Success)
        {
            var tens = Array.IndexOf(Tens, Normalise(token.Groups["tens"].Value));
            var unit = token.Groups["unit"].Success ? Array.IndexOf(Units, token.Groups["unit"].Value.ToLowerInvariant()) : 0;
            return (tens * 10 + unit).ToString(CultureInfo.InvariantCulture);
        }

        if (token.Groups["teen"].Success)
        {
            return (10 + Array.IndexOf(Teens, token.Groups["teen"].Value.ToLowerInvariant())).ToString(CultureInfo.InvariantCulture);
        }

        var word = token.Groups["word"].Value.ToLowerInvariant();
        var digit = word == "oh" ? '0' : (char)('0' + Array.IndexOf(Units, word));
        var times = token.Groups["times"].Value.ToLowerInvariant() switch
        {
            "double" => 2,
            "triple" => 3,
            _ => 1,
        };
        return new string(digit, times);
    }

    // "fourty" is a common misspelling in transcripts.
    private static string Normalise(string tens) => tens.ToLowerInvariant() is "fourty" ? "forty" : tens.ToLowerInvariant();

    [GeneratedRegex(
        @"(?<digits>\d+)"
        + @"|\b(?<tens>twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:[ \t-]+(?<unit>one|two|three|four|five|six|seven|eight|nine)\b)?\b"
        + @"|\b(?<teen>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
        + @"|\b(?:(?<times>double|triple)[ \t]+)?(?<word>zero|oh|one|two|three|four|five|six|seven|eight|nine)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DigitToken();

    [GeneratedRegex(@"^(?:[\s,.\-/\u2010-\u2015\uFF0C\uFF0E\uFF0F\uFF0D]|\b(?:uh|uhm|um|umm|er|erm|ah|hmm|mm|like)\b)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();
}

/// <summary>A run of digits in a text: where it sits and its digits in ASCII.</summary>
internal readonly record struct DigitRun(int Start, int End, string Digits);
