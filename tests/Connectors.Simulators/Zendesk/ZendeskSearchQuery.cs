namespace Connectors.Simulators.Zendesk;

/// <summary>
/// The part of Zendesk's search syntax the simulator understands: space-separated terms, either
/// <c>property:value</c> (type, role, phone, email, external_id, name, status, requester_id, tags) or bare
/// words matched against names and subjects; <c>*</c> at either end of a value is a wildcard. Phone values
/// are compared as digits: <c>phone:*5135557611</c> matches however the number was stored.
/// </summary>
public sealed class ZendeskSearchQuery
{
    private readonly List<(string? Property, string Value)> _terms = [];

    private ZendeskSearchQuery()
    {
    }

    public static ZendeskSearchQuery Parse(string query)
    {
        var parsed = new ZendeskSearchQuery();
        foreach (var term in (query ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            parsed._terms.Add(colon > 0 ? (term[..colon].ToLowerInvariant(), term[(colon + 1)..].Trim('"')) : (null, term.Trim('"')));
        }

        return parsed;
    }

    /// <summary>Null when the query names no type; else <c>user</c>, <c>ticket</c>...</summary>
    public string? Type => _terms.LastOrDefault(t => t.Property == "type").Value?.ToLowerInvariant();

    public bool Matches(ZendeskSimUser user) => _terms.All(t => t.Property switch
    {
        "type" => string.Equals(t.Value, "user", StringComparison.OrdinalIgnoreCase),
        "role" => string.Equals(t.Value, user.Role, StringComparison.OrdinalIgnoreCase),
        "phone" => user.Phone is not null && Wildcard(Digits(user.Phone), Digits(t.Value), t.Value),
        "email" => user.Email is not null && Wildcard(user.Email, t.Value, t.Value),
        "external_id" => user.ExternalId is not null && Wildcard(user.ExternalId, t.Value, t.Value),
        "name" => Wildcard(user.Name, t.Value, t.Value),
        null => user.Name.Contains(t.Value.Trim('*'), StringComparison.OrdinalIgnoreCase),
        _ => false,
    });

    public bool Matches(ZendeskSimTicket ticket) => _terms.All(t => t.Property switch
    {
        "type" => string.Equals(t.Value, "ticket", StringComparison.OrdinalIgnoreCase),
        "status" => string.Equals(t.Value, ticket.Status, StringComparison.OrdinalIgnoreCase),
        "requester_id" or "requester" => t.Value == ticket.RequesterId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "external_id" => ticket.ExternalId is not null && Wildcard(ticket.ExternalId, t.Value, t.Value),
        "tags" => ticket.Tags.Contains(t.Value, StringComparer.OrdinalIgnoreCase),
        null => ticket.Subject.Contains(t.Value.Trim('*'), StringComparison.OrdinalIgnoreCase)
            || ticket.Description.Contains(t.Value.Trim('*'), StringComparison.OrdinalIgnoreCase),
        _ => false,
    });

    private static bool Wildcard(string stored, string pattern, string raw)
    {
        var core = pattern.Trim('*');
        var leading = raw.StartsWith('*');
        var trailing = raw.EndsWith('*');
        return (leading, trailing) switch
        {
            (true, true) => stored.Contains(core, StringComparison.OrdinalIgnoreCase),
            (true, false) => stored.EndsWith(core, StringComparison.OrdinalIgnoreCase),
            (false, true) => stored.StartsWith(core, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(stored, core, StringComparison.OrdinalIgnoreCase),
        };
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
}
