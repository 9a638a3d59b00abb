using System.Text;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>Builds SOQL string literals from untrusted text (caller input, ids), so no value can change the query.</summary>
public static class SoqlText
{
    /// <summary>
    /// <paramref name="value"/> as a quoted SOQL literal: quotes, backslashes and the documented escapes
    /// (\n \r \t \b \f) escaped; other control characters, which no field value here may hold, dropped.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var literal = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': literal.Append(@"\\"); break;
                case '\'': literal.Append(@"\'"); break;
                case '"': literal.Append("\\\""); break;
                case '\n': literal.Append(@"\n"); break;
                case '\r': literal.Append(@"\r"); break;
                case '\t': literal.Append(@"\t"); break;
                case '\b': literal.Append(@"\b"); break;
                case '\f': literal.Append(@"\f"); break;
                case < ' ': break;
                default: literal.Append(c); break;
            }
        }

        return literal.Append('\'').ToString();
    }
}
