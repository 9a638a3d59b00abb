using System.Text;
using Connectors.Core.Crm.Salesforce;
using Connectors.Simulators.Salesforce;

namespace Connectors.Tests.Crm.Salesforce;

/// <summary>
/// Escaping holds for every input: generated strings heavy in quotes, backslashes, braces and control
/// characters are escaped, read back by the simulator's SOQL and SOSL parsers, and come out as themselves.
/// </summary>
public sealed class SalesforceQueryTextTests
{
    private const string Alphabet = "ab Z9'\"\\{}[]()?&|!^~*:+-_%\n\r\t\b\f\u0001é漢";

    private static IEnumerable<string> Inputs(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(1, 24); n > 0; n--)
            {
                text.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            yield return text.ToString();
        }
    }

    [Fact]
    public void A_quoted_soql_literal_is_read_back_as_the_value_and_ends_the_query_where_it_should()
    {
        foreach (var value in Inputs(seed: 46, count: 3000))
        {
            var query = SoqlQuery.Parse($"SELECT Id FROM Account WHERE Name = {SoqlText.Quote(value)} AND Phone != null");

            Assert.Equal(2, query.Where.Count);
            Assert.Equal(value.Replace("\u0001", string.Empty, StringComparison.Ordinal), query.Where[0].Value);
            Assert.Equal("Phone", query.Where[1].Field);
        }
    }

    [Fact]
    public void An_escaped_sosl_term_is_read_back_as_the_term()
    {
        foreach (var value in Inputs(seed: 62, count: 3000))
        {
            var expected = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            if (expected.Length < 2)
            {
                continue;
            }

            var search = SoslSearch.Parse($"FIND {{{SoslText.EscapeTerm(value)}}} IN ALL FIELDS RETURNING Account(Id)");

            Assert.Equal(expected, search.Term);
            Assert.Equal("Account", Assert.Single(search.Returning).Object);
        }
    }

    [Fact]
    public void An_unescaped_reserved_character_is_refused_as_salesforce_refuses_it()
    {
        var refused = Assert.Throws<SalesforceApiException>(() => SoslSearch.Parse("FIND {415-555} IN PHONE FIELDS RETURNING Contact(Id)"));

        Assert.Equal("MALFORMED_SEARCH", refused.ErrorCode);
    }
}
