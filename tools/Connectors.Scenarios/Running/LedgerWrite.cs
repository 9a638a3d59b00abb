using System.Text.Json;

namespace Connectors.Scenarios.Running;

/// <summary>One would-have-written entry as the ledger endpoint answers it.</summary>
public sealed record LedgerWrite(string Crm, string Operation, string Method, string Path, string? Body, string? IdempotencyKey, int? SimulatedStatus, string? SimulatedRecordId)
{
    public static LedgerWrite Read(JsonElement e)
    {
        string? S(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? I(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        return new LedgerWrite(S("crm") ?? string.Empty, S("operation") ?? string.Empty, S("method") ?? string.Empty, S("path") ?? string.Empty, S("body"), S("idempotencyKey"), I("simulatedStatus"), S("simulatedRecordId"));
    }

    /// <summary>The body as JSON, when it is JSON.</summary>
    public JsonElement? BodyJson()
    {
        if (Body is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
