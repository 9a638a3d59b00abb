using System.Text;

namespace Connectors.Tests.Baton;

/// <summary>
/// Writes a string of digits the ways callers say and speech-to-text writes them: grouped by spaces, dashes, dots or
/// slashes; in full-width digits; as digit words, with fillers between groups; as tens and teens ("forty-two", "fifteen").
/// </summary>
internal static class SpokenNumberForms
{
    public const int Count = 7;

    private static readonly string[] Units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private static readonly string[] Teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    private static readonly string[] Fillers = [", uh, ", " um ", ", like, ", " uh ", "... erm, "];

    /// <summary>Form <paramref name="form"/> (0 to <see cref="Count"/> - 1) of <paramref name="digits"/>.</summary>
    public static string Write(string digits, int form, Random random) => form switch
    {
        0 => Grouped(digits, random.Next(3) switch { 0 => "", 1 => " ", _ => "-" }),
        1 => Grouped(digits, random.Next(2) == 0 ? "." : "/"),
        2 => FullWidth(Grouped(digits, random.Next(2) == 0 ? "" : " ")),
        3 => string.Join(random.Next(2) == 0 ? " " : ", ", digits.Select(d => Units[d - '0'])),
        4 => string.Join(Fillers[random.Next(Fillers.Length)], Groups(digits).Select(g => string.Join(' ', g.Select(d => Units[d - '0'])))),
        5 => Pairs(digits, random),
        _ => string.Join(" ", Groups(digits).Select(g => random.Next(3) switch
        {
            0 => FullWidth(g),
            1 => string.Join(' ', g.Select(d => Units[d - '0'])),
            _ => g,
        })),
    };

    private static IEnumerable<string> Groups(string digits) => digits.Chunk(4).Select(c => new string(c));

    private static string Grouped(string digits, string separator) => string.Join(separator, Groups(digits));

    private static string FullWidth(string text) => new([.. text.Select(c => c is >= '0' and <= '9' ? (char)('\uFF10' + (c - '0')) : c)]);

    /// <summary>Two digits at a time as a person reads them: "forty-two", "fifteen", "oh seven"; a pair ending in 0 as two digits.</summary>
    private static string Pairs(string digits, Random random)
    {
        var words = new List<string>();
        for (var i = 0; i < digits.Length; i += 2)
        {
            if (i + 1 >= digits.Length)
            {
                words.Add(Units[digits[i] - '0']);
                continue;
            }

            int tens = digits[i] - '0', unit = digits[i + 1] - '0';
            words.Add((tens, unit) switch
            {
                (0, _) => "oh " + Units[unit],
                (1, _) => Teens[unit],
                (_, 0) => Units[tens] + " zero",
                _ => Tens[tens] + (random.Next(2) == 0 ? "-" : " ") + Units[unit],
            });
        }

        return string.Join(random.Next(4) == 0 ? ", uh, " : " ", words);
    }
}
