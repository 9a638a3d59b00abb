using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.Tests.Baton;

/// <summary>
/// The test's own reading of digits in text, written apart from the redactor (its oracle): every digit a person would
/// hear or read, ASCII, full-width or spoken ("oh", "four", "fifteen", "forty-two"), in order, with everything else dropped.
/// </summary>
internal static partial class SpokenDigits
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["oh"] = "0", ["zero"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5",
        ["six"] = "6", ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12",
        ["thirteen"] = "13", ["fourteen"] = "14", ["fifteen"] = "15", ["sixteen"] = "16", ["seventeen"] = "17",
        ["eighteen"] = "18", ["nineteen"] = "19",
    };

    private static readonly Dictionary<string, int> TensWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 2, ["thirty"] = 3, ["forty"] = 4, ["fifty"] = 5, ["sixty"] = 6, ["seventy"] = 7, ["eighty"] = 8, ["ninety"] = 9,
    };

    public static string Of(string text)
    {
        var digits = new StringBuilder();
        var tokens = Token().Matches(text).Select(m => m.Value).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Length == 1 && token[0] is >= '0' and <= '9')
            {
                digits.Append(token);
            }
            else if (token.Length == 1 && token[0] is >= '\uFF10' and <= '\uFF19')
            {
                digits.Append((char)('0' + (token[0] - '\uFF10')));
            }
            else if (TensWords.TryGetValue(token, out var tens))
            {
                // "forty-two" is 42; "forty" alone is 40.
                if (i + 1 < tokens.Count && Words.TryGetValue(tokens[i + 1], out var unit) && unit.Length == 1 && unit != "0")
                {
                    digits.Append(tens).Append(unit);
                    i++;
                }
                else
                {
                    digits.Append(tens).Append('0');
                }
            }
            else if (Words.TryGetValue(token, out var word))
            {
                digits.Append(word);
            }
        }

        return digits.ToString();
    }

    [GeneratedRegex(@"[A-Za-z]+|[0-9]|[\uFF10-\uFF19]")]
    private static partial Regex Token();
}
