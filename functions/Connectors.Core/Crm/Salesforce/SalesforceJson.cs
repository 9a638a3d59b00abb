using System.Globalization;
using System.Text.Json;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>Reads fields of Salesforce records (JSON objects whose absent and null fields mean the same).</summary>
internal static class SalesforceJson
{
    public static string? String(JsonElement record, string field) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static decimal? Decimal(JsonElement record, string field) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : null;

    public static DateTimeOffset? DateTime(JsonElement record, string field) =>
        String(record, field) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    /// <summary>A parent relationship (e.g. <c>Account</c> on a Contact): an object or null.</summary>
    public static JsonElement? Parent(JsonElement record, string relationship) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(relationship, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <summary>The records of a child-relationship subquery (<c>{"totalSize", "done", "records"}</c>, or null when empty).</summary>
    public static IReadOnlyList<JsonElement> Children(JsonElement record, string relationship) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(relationship, out var value) && value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("records", out var rows) && rows.ValueKind == JsonValueKind.Array
            ? rows.EnumerateArray().ToList()
            : [];

    /// <summary>The sObject type a search or query record carries in its <c>attributes</c>.</summary>
    public static string? Type(JsonElement record) =>
        Parent(record, "attributes") is { } attributes ? String(attributes, "type") : null;
}
