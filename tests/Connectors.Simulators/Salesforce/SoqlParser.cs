using System.Globalization;
using System.Text;

namespace Connectors.Simulators.Salesforce;

internal enum SoqlTokenKind
{
    Word,
    String,
    Number,
    Symbol,
    End,
}

internal readonly record struct SoqlToken(SoqlTokenKind Kind, string Text);

internal sealed class SoqlParser
{
    private readonly IReadOnlyList<SoqlToken> _tokens;
    private int _position;

    public SoqlParser(IReadOnlyList<SoqlToken> tokens)
    {
        _tokens = tokens;
    }

    public static IReadOnlyList<SoqlToken> Tokenize(string text)
    {
        var tokens = new List<SoqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Word, text[start..i]));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Number, text[start..i]));
            }
            else if (c == '\'')
            {
                tokens.Add(new SoqlToken(SoqlTokenKind.String, ReadString(text, ref i)));
            }
            else if (c == '!' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, "!="));
                i += 2;
            }
            else if (c is ',' or '(' or ')' or '=')
            {
                tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, c.ToString()));
                i++;
            }
            else
            {
                throw SalesforceApiException.MalformedQuery($"unexpected character '{c}' at position {i}");
            }
        }

        tokens.Add(new SoqlToken(SoqlTokenKind.End, string.Empty));
        return tokens;
    }

    /// <summary>Reads a quoted literal starting at <paramref name="i"/>, undoing the escapes SOQL defines.</summary>
    private static string ReadString(string text, ref int i)
    {
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '\'')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                break;
            }

            var escaped = text[i++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case '\\' or '\'' or '"' or '_' or '%': value.Append(escaped); break;
                case 'u' when i + 4 <= text.Length && int.TryParse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    i += 4;
                    break;
                default:
                    throw SalesforceApiException.MalformedQuery($"invalid escape sequence '\\{escaped}' in a string literal");
            }
        }

        throw SalesforceApiException.MalformedQuery("unterminated string literal");
    }

    public SoqlQuery ParseQuery()
    {
        ExpectWord("SELECT");
        var select = new List<SoqlSelectItem>();
        do
        {
            if (IsSymbol("("))
            {
                _position++;
                var sub = ParseQuery();
                ExpectSymbol(")");
                select.Add(new SoqlSelectItem(null, sub));
            }
            else
            {
                select.Add(new SoqlSelectItem(ExpectField(), null));
            }
        }
        while (TrySymbol(","));

        ExpectWord("FROM");
        var from = ExpectField();
        var where = new List<SoqlCondition>();
        if (TryWord("WHERE"))
        {
            do
            {
                var field = ExpectField();
                var op = Next();
                if (op.Kind != SoqlTokenKind.Symbol || op.Text is not ("=" or "!="))
                {
                    throw SalesforceApiException.MalformedQuery($"expected = or != after {field}, found '{op.Text}' (the simulator supports equality only)");
                }

                where.Add(new SoqlCondition(field, op.Text == "!=", ParseLiteral()));
            }
            while (TryWord("AND"));

            if (Peek().Kind == SoqlTokenKind.Word && Peek().Text.Equals("OR", StringComparison.OrdinalIgnoreCase))
            {
                throw SalesforceApiException.MalformedQuery("the simulator supports AND only");
            }
        }

        SoqlOrder? order = null;
        if (TryWord("ORDER"))
        {
            ExpectWord("BY");
            var field = ExpectField();
            var descending = TryWord("DESC");
            if (!descending)
            {
                TryWord("ASC");
            }

            order = new SoqlOrder(field, descending);
        }

        int? limit = null;
        if (TryWord("LIMIT"))
        {
            var number = Next();
            if (number.Kind != SoqlTokenKind.Number || !int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw SalesforceApiException.MalformedQuery("LIMIT takes a whole number");
            }

            limit = n;
        }

        return new SoqlQuery(select, from, where, order, limit);
    }

    public void ExpectEnd()
    {
        if (Peek().Kind != SoqlTokenKind.End)
        {
            throw SalesforceApiException.MalformedQuery($"unexpected token '{Peek().Text}'");
        }
    }

    private object? ParseLiteral()
    {
        var token = Next();
        return token.Kind switch
        {
            SoqlTokenKind.String => token.Text,
            SoqlTokenKind.Number when decimal.TryParse(token.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            SoqlTokenKind.Word when token.Text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            SoqlTokenKind.Word when token.Text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            SoqlTokenKind.Word when token.Text.Equals("null", StringComparison.OrdinalIgnoreCase) => null,
            _ => throw SalesforceApiException.MalformedQuery($"expected a literal, found '{token.Text}'"),
        };
    }

    private SoqlToken Peek() => _tokens[_position];

    private SoqlToken Next() => _tokens[Math.Min(_position++, _tokens.Count - 1)];

    private bool IsSymbol(string symbol) => Peek().Kind == SoqlTokenKind.Symbol && Peek().Text == symbol;

    private bool TrySymbol(string symbol)
    {
        if (!IsSymbol(symbol))
        {
            return false;
        }

        _position++;
        return true;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw SalesforceApiException.MalformedQuery($"expected '{symbol}', found '{Peek().Text}'");
        }
    }

    private bool TryWord(string word)
    {
        if (Peek().Kind != SoqlTokenKind.Word || !Peek().Text.Equals(word, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _position++;
        return true;
    }

    private void ExpectWord(string word)
    {
        if (!TryWord(word))
        {
            throw SalesforceApiException.MalformedQuery($"expected {word}, found '{Peek().Text}'");
        }
    }

    private string ExpectField()
    {
        var token = Next();
        if (token.Kind != SoqlTokenKind.Word || token.Text.EndsWith('.') || token.Text.StartsWith('.'))
        {
            throw SalesforceApiException.MalformedQuery($"expected a field or object name, found '{token.Text}'");
        }

        return token.Text;
    }
}
