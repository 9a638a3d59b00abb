using System.Globalization;
using System.Text;

namespace Connectors.Tests.Infrastructure.Arm;

/// <summary>A parsed ARM template expression (the text inside <c>[...]</c>): literals, function calls, member access and indexing.</summary>
internal abstract record ArmExpression
{
    public sealed record Literal(object? Value) : ArmExpression;

    public sealed record Call(string Function, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

    public sealed record Member(ArmExpression Target, string Name) : ArmExpression;

    public sealed record Index(ArmExpression Target, ArmExpression Key) : ArmExpression;

    /// <summary>True for a template string that holds an expression: <c>[...]</c> but not the escaped <c>[[...</c>.</summary>
    public static bool IsExpression(string text) => text.Length >= 2 && text[0] == '[' && text[^1] == ']' && text[1] != '[';

    public static ArmExpression Parse(string text)
    {
        var parser = new Parser(text[1..^1]);
        var expression = parser.ParseExpression();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw new FormatException($"Unexpected text at {parser.Position} in {text}");
        }

        return expression;
    }

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        public ArmExpression ParseExpression()
        {
            SkipSpace();
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpace();
                if (!AtEnd && text[Position] == '.')
                {
                    Position++;
                    expression = new Member(expression, ReadIdentifier());
                }
                else if (!AtEnd && text[Position] == '[')
                {
                    Position++;
                    var key = ParseExpression();
                    Expect(']');
                    expression = new Index(expression, key);
                }
                else
                {
                    return expression;
                }
            }
        }

        private ArmExpression ParsePrimary()
        {
            var c = text[Position];
            if (c == '\'')
            {
                return new Literal(ReadString());
            }

            if (char.IsAsciiDigit(c) || c == '-')
            {
                var start = Position++;
                while (!AtEnd && char.IsAsciiDigit(text[Position]))
                {
                    Position++;
                }

                return new Literal(long.Parse(text[start..Position], CultureInfo.InvariantCulture));
            }

            var name = ReadIdentifier();
            SkipSpace();
            if (name is "true" or "false" or "null" && (AtEnd || text[Position] != '('))
            {
                return new Literal(name == "null" ? null : name == "true");
            }

            Expect('(');
            var arguments = new List<ArmExpression>();
            SkipSpace();
            if (text[Position] == ')')
            {
                Position++;
                return new Call(name, arguments);
            }

            while (true)
            {
                arguments.Add(ParseExpression());
                SkipSpace();
                if (text[Position] == ')')
                {
                    Position++;
                    return new Call(name, arguments);
                }

                Expect(',');
            }
        }

        private string ReadString()
        {
            var value = new StringBuilder();
            Position++;
            while (true)
            {
                var c = text[Position++];
                if (c == '\'')
                {
                    if (!AtEnd && text[Position] == '\'')
                    {
                        value.Append('\'');
                        Position++;
                        continue;
                    }

                    return value.ToString();
                }

                value.Append(c);
            }
        }

        private string ReadIdentifier()
        {
            SkipSpace();
            var start = Position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] is '_' or '$'))
            {
                Position++;
            }

            return start == Position ? throw new FormatException($"Identifier expected at {start} in {text}") : text[start..Position];
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (AtEnd || text[Position] != c)
            {
                throw new FormatException($"'{c}' expected at {Position} in {text}");
            }

            Position++;
        }
    }
}
