using System.Text.Json;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>One entry of a REST error body: Salesforce answers errors as a JSON array of these.</summary>
public sealed record SalesforceError(string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    /// <summary>
    /// The errors in <paramref name="body"/>: the documented array form, or the single object some
    /// older endpoints send. Empty when the body holds neither.
    /// </summary>
    public static IReadOnlyList<SalesforceError> Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Array => document.RootElement.EnumerateArray().Select(Read).OfType<SalesforceError>().ToList(),
                JsonValueKind.Object => Read(document.RootElement) is { } single ? [single] : [],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static SalesforceError? Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("errorCode", out var code) || code.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var message = element.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? string.Empty : string.Empty;
        var fields = element.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        return new SalesforceError(code.GetString()!, message, fields);
    }
}
