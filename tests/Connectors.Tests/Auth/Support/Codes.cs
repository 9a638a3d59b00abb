using System.Text.RegularExpressions;

namespace Connectors.Tests.Auth.Support;

internal static partial class Codes
{
    /// <summary>The six-digit code in a message text.</summary>
    public static string In(string text)
    {
        var match = SixDigits().Match(text);
        Assert.True(match.Success, "the message carries no six-digit code");
        return match.Value;
    }

    /// <summary>A six-digit code that is not <paramref name="code"/>.</summary>
    public static string Other(string code) => code == "000000" ? "000001" : "000000";

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
