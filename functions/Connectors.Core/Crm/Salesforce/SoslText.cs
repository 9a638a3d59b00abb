using System.Text;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>Builds SOSL search terms from untrusted text.</summary>
public static class SoslText
{
    /// <summary>The characters SOSL reserves; each is escaped with a backslash inside <c>FIND {…}</c>.</summary>
    public const string ReservedCharacters = "?&|!{}[]()^~*:\\\"'+-";

    /// <summary><paramref name="term"/> with every reserved character escaped and control characters turned into spaces.</summary>
    public static string EscapeTerm(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var escaped = new StringBuilder(term.Length * 2);
        foreach (var c in term)
        {
            if (ReservedCharacters.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\').Append(c);
            }
            else
            {
                escaped.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return escaped.ToString();
    }
}
