using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Connectors.Simulators.Salesforce;

/// <summary>
/// The SOSL the simulator understands: <c>FIND {term} [IN ALL|NAME|EMAIL|PHONE FIELDS] RETURNING
/// Object[(field, Parent.field … [LIMIT n])], …</c>. Reserved characters in the term must be escaped with a
/// backslash, as Salesforce requires; an unescaped one is refused. Phone fields match on digits, so
/// <c>4155550101</c> finds "(415) 555-0101" and "+1 415 555 0101", as the org's phone index does.
/// </summary>
public sealed record SoslSearch(string Term, string Scope, IReadOnlyList<(string Object, IReadOnlyList<string> Fields, int? Limit)> Returning)
{
    private const string Reserved = "?&|!{}[]()^~*:\\\"'+-";

    public static SoslSearch Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        if (!rest.StartsWith("FIND", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed("a search starts with FIND");
        }

        rest = rest[4..].TrimStart();
        if (!rest.StartsWith('{'))
        {
            throw Malformed("the search term goes in braces: FIND {term}");
        }

        var term = new StringBuilder();
        var i = 1;
        for (; i < rest.Length && rest[i] != '}'; i++)
        {
            if (rest[i] == '\\')
            {
                if (++i >= rest.Length)
                {
                    break;
                }

                term.Append(rest[i]);
            }
            else if (Reserved.Contains(rest[i], StringComparison.Ordinal))
            {
                throw Malformed($"reserved character '{rest[i]}' in the search term must be escaped");
            }
            else
            {
                term.Append(rest[i]);
            }
        }

        if (i >= rest.Length)
        {
            throw Malformed("the search term is not closed with '}'");
        }

        var termText = term.ToString().Trim();
        if (termText.Length < 2)
        {
            throw new SalesforceApiException(400, "INVALID_SEARCH", "search term must be longer than one character");
        }

        rest = rest[(i + 1)..].Trim();
        var scope = "ALL";
        if (rest.StartsWith("IN ", StringComparison.OrdinalIgnoreCase))
        {
            var parts = rest.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4 || !parts[2].Equals("FIELDS", StringComparison.OrdinalIgnoreCase)
                                 || parts[1].ToUpperInvariant() is not ("ALL" or "NAME" or "EMAIL" or "PHONE"))
            {
                throw Malformed("expected IN ALL|NAME|EMAIL|PHONE FIELDS");
            }

            scope = parts[1].ToUpperInvariant();
            rest = parts[3];
        }

        if (!rest.StartsWith("RETURNING ", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed("expected RETURNING");
        }

        return new SoslSearch(termText, scope, ParseReturning(rest["RETURNING ".Length..]));
    }

    private static List<(string, IReadOnlyList<string>, int?)> ParseReturning(string text)
    {
        var result = new List<(string, IReadOnlyList<string>, int?)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            if (i == start)
            {
                if (i < text.Length)
                {
                    throw Malformed($"unexpected '{text[i]}' in RETURNING");
                }

                break;
            }

            var name = text[start..i];
            IReadOnlyList<string> fields = ["Id"];
            int? limit = null;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i < text.Length && text[i] == '(')
            {
                var close = text.IndexOf(')', i);
                if (close < 0)
                {
                    throw Malformed("unclosed field list in RETURNING");
                }

                var inner = text[(i + 1)..close];
                var limitAt = inner.IndexOf(" LIMIT ", StringComparison.OrdinalIgnoreCase);
                if (limitAt >= 0)
                {
                    limit = int.Parse(inner[(limitAt + 7)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
                    inner = inner[..limitAt];
                }

                fields = inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                i = close + 1;
            }

            result.Add((name, fields, limit));
        }

        return result.Count > 0 ? result : throw Malformed("RETURNING names no object");
    }

    /// <summary>The records found (the caller holds the org's gate): only those the search index holds by now.</summary>
    internal List<JsonObject> Execute(SalesforceOrg org, DateTimeOffset now, string version)
    {
        var found = new List<JsonObject>();
        foreach (var (name, fields, limit) in Returning)
        {
            var type = org.Schema.Type(name) ?? throw new SalesforceApiException(400, "INVALID_TYPE", $"sObject type '{name}' is not supported.");
            var select = fields.Select(f => new SoqlSelectItem(f, null)).ToList();
            foreach (var field in fields)
            {
                _ = SoqlExecutor.Resolve(org, type, field);
            }

            var hits = org.RowsLocked(type.Name).Where(r => r.IndexedAt <= now && Matches(type, r));
            if (limit is { } n)
            {
                hits = hits.Take(n);
            }

            found.AddRange(hits.Select(r => SoqlExecutor.Project(org, type, r, select, version)));
        }

        return found;
    }

    private bool Matches(SalesforceObjectType type, SalesforceRecord record)
    {
        var digits = SalesforceValues.Digits(Term);
        foreach (var field in type.Fields)
        {
            var value = record.Text(field.Name);
            if (value is null)
            {
                continue;
            }

            var hit = field.Kind switch
            {
                SalesforceFieldKind.Phone when Scope is "PHONE" or "ALL" => digits.Length >= 7 && PhoneMatches(SalesforceValues.Digits(value), digits),
                SalesforceFieldKind.Email when Scope is "EMAIL" or "ALL" => value.Contains(Term, StringComparison.OrdinalIgnoreCase),
                SalesforceFieldKind.Text when (Scope == "NAME" && field.Name == "Name") || Scope == "ALL" => value.Contains(Term, StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Digits equal, or one is the other with a country code in front.</summary>
    private static bool PhoneMatches(string stored, string searched) =>
        stored.Length >= 7 && (stored.EndsWith(searched, StringComparison.Ordinal) || searched.EndsWith(stored, StringComparison.Ordinal));

    private static SalesforceApiException Malformed(string message) => new(400, "MALFORMED_SEARCH", message);
}
