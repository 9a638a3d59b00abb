using System.Text.Json;
using Connectors.Core.Calls;
using Connectors.Core.Http;

namespace Connectors.Core.Channels.Webhooks;

/// <summary>
/// The generic webhook's body: <c>{"requestId": "...", "callId": "...", "action": "...", "parameters": {"name": "value"}}</c>.
/// The request id sits inside the signed bytes, so it cannot be swapped to dodge the replay check.
/// </summary>
public sealed record WebhookEnvelope(string RequestId, string CallId, string Action, IReadOnlyDictionary<string, string> Parameters)
{
    public static WebhookEnvelope Parse(ReadOnlySpan<byte> body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body.ToArray()).RootElement;
        }
        catch (JsonException)
        {
            throw Malformed();
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed();
        }

        var requestId = String(root, "requestId");
        var callId = String(root, "callId");
        var action = String(root, "action");
        if (requestId is null || !Connectors.Core.Calls.CallId.IsValid(requestId) || callId is null || action is null)
        {
            throw Malformed();
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in p.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }

        return new WebhookEnvelope(requestId, callId, action, parameters);
    }

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static ProblemException Malformed() =>
        new(400, "malformed-webhook", "Malformed webhook", "Send {\"requestId\", \"callId\", \"action\", \"parameters\": {...}}; requestId is 1 to 128 letters, digits, '.', '_', ':' and '-'.");
}
