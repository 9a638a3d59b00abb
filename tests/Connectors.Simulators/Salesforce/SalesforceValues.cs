using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Simulators.Salesforce;

/// <summary>Converts field values between their stored form, JSON, and SOQL comparison.</summary>
public static class SalesforceValues
{
    /// <summary>A value given in C# (seed data, tests) in its stored form.</summary>
    public static object? FromClr(SalesforceField field, object? value) => value switch
    {
        null => null,
        int i when field.Kind == SalesforceFieldKind.Number => (decimal)i,
        long l when field.Kind == SalesforceFieldKind.Number => (decimal)l,
        double d when field.Kind == SalesforceFieldKind.Number => (decimal)d,
        DateTime dt when field.Kind == SalesforceFieldKind.DateTime => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        DateTimeOffset dto when field.Kind == SalesforceFieldKind.Date => DateOnly.FromDateTime(dto.UtcDateTime),
        string s when field.Kind == SalesforceFieldKind.Date => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s when field.Kind == SalesforceFieldKind.DateTime => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture),
        string s when field.Kind == SalesforceFieldKind.Number => decimal.Parse(s, CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>A value from a request body; false when its JSON type does not fit the field.</summary>
    public static bool TryFromJson(SalesforceField field, JsonElement json, out object? value)
    {
        value = null;
        if (json.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        switch (field.Kind)
        {
            case SalesforceFieldKind.Number when json.ValueKind == JsonValueKind.Number:
                value = json.GetDecimal();
                return true;
            case SalesforceFieldKind.Boolean when json.ValueKind is JsonValueKind.True or JsonValueKind.False:
                value = json.GetBoolean();
                return true;
            case SalesforceFieldKind.Date when json.ValueKind == JsonValueKind.String
                                               && DateOnly.TryParseExact(json.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                value = date;
                return true;
            case SalesforceFieldKind.DateTime when json.ValueKind == JsonValueKind.String
                                                   && DateTimeOffset.TryParse(json.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                value = at;
                return true;
            case SalesforceFieldKind.Text or SalesforceFieldKind.Phone or SalesforceFieldKind.Email or SalesforceFieldKind.Reference or SalesforceFieldKind.Id
                when json.ValueKind == JsonValueKind.String:
                value = json.GetString();
                return true;
            default:
                return false;
        }
    }

    /// <summary>The stored value as the REST API writes it.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        decimal d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset at => JsonValue.Create(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>SOQL equality: text compares case-insensitively, numbers by value.</summary>
    public static bool SoqlEquals(object? stored, object? literal) => (stored, literal) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
        (decimal a, decimal b) => a == b,
        (bool a, bool b) => a == b,
        (DateOnly a, string b) => a.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == b,
        _ => Equals(stored, literal),
    };

    /// <summary>Ordering for ORDER BY: nulls first, then by value.</summary>
    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
        (IComparable x, _) when x.GetType() == b!.GetType() => x.CompareTo(b),
        _ => string.CompareOrdinal(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture)),
    };

    /// <summary>The digits of a phone number as stored ("(415) 555-0101" → "4155550101").</summary>
    public static string Digits(string? value) => value is null ? string.Empty : new string(value.Where(char.IsAsciiDigit).ToArray());
}
