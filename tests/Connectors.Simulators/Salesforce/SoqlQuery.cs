namespace Connectors.Simulators.Salesforce;

/// <summary>
/// The SOQL the simulator understands: <c>SELECT field, Parent.field, (SELECT … FROM ChildRelationship …)
/// FROM Object [WHERE a = literal [AND b != literal]…] [ORDER BY field [ASC|DESC]] [LIMIT n]</c>. String
/// literals take Salesforce's backslash escapes. Anything else is refused as MALFORMED_QUERY, as an org
/// refuses what it cannot parse.
/// </summary>
public sealed record SoqlQuery(IReadOnlyList<SoqlSelectItem> Select, string From, IReadOnlyList<SoqlCondition> Where, SoqlOrder? OrderBy, int? Limit)
{
    public static SoqlQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new SoqlParser(SoqlParser.Tokenize(text));
        var query = parser.ParseQuery();
        parser.ExpectEnd();
        return query;
    }
}
