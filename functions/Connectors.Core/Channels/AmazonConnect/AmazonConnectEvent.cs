using System.Text.Json;
using Connectors.Core.Http;

namespace Connectors.Core.Channels.AmazonConnect;

/// <summary>
/// The parts of Connect's "Invoke AWS Lambda function" event (<c>{"Name":"ContactFlowEvent","Details":{"ContactData":
/// {...},"Parameters":{...}}}</c>) the adapter reads. The call is the <c>InitialContactId</c> (the same across
/// transfers), else the <c>ContactId</c>; the action is <c>Details.Parameters.action</c>.
/// </summary>
public sealed record AmazonConnectEvent(
    string ContactId,
    string CallId,
    string Action,
    string? CustomerNumber,
    string? SystemNumber,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Attributes)
{
    public static AmazonConnectEvent Parse(ReadOnlySpan<byte> body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body.ToArray()).RootElement;
        }
        catch (JsonException)
        {
            throw Malformed("The body is not JSON.");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Details", out var details) || details.ValueKind != JsonValueKind.Object
            || !details.TryGetProperty("ContactData", out var contact) || contact.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("Send Connect's event as is: {\"Details\": {\"ContactData\": {...}, \"Parameters\": {...}}}.");
        }

        var contactId = String(contact, "ContactId") ?? throw Malformed("Details.ContactData.ContactId is missing.");
        var parameters = StringMap(details, "Parameters");
        var action = parameters.GetValueOrDefault("action") ?? throw Malformed("Set the block's parameter 'action' (connect, read, knowledge, otp-send, otp-verify, say, transfer, answered, end).");
        return new AmazonConnectEvent(
            contactId,
            String(contact, "InitialContactId") ?? contactId,
            action,
            Address(contact, "CustomerEndpoint"),
            Address(contact, "SystemEndpoint"),
            parameters.Where(p => p.Key != "action").ToDictionary(StringComparer.Ordinal),
            StringMap(contact, "Attributes"));
    }

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string? Address(JsonElement contact, string name) =>
        contact.TryGetProperty(name, out var endpoint) && endpoint.ValueKind == JsonValueKind.Object ? String(endpoint, "Address") : null;

    private static Dictionary<string, string> StringMap(JsonElement parent, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    map[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return map;
    }

    private static ProblemException Malformed(string detail) => new(400, "malformed-connect-event", "Malformed Connect event", detail);
}
