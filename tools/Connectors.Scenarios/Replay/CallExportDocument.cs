using System.Text.Json;
using Connectors.Scenarios.Running;

namespace Connectors.Scenarios.Replay;

/// <summary><c>GET /api/calls/{callId}/export</c> as the runner reads it; saved as is in a replay folder.</summary>
public sealed record CallExportDocument(string CallId, bool DryRun, string? Platform, string? CallerNumber, IReadOnlyList<ExportedRequest> Requests, string WritesSource, IReadOnlyList<LedgerWrite> Writes)
{
    public static CallExportDocument Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        string? S(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new CallExportDocument(
            S(root, "callId") ?? throw new InvalidDataException("An export holds a callId."),
            root.TryGetProperty("dryRun", out var dry) && dry.ValueKind == JsonValueKind.True,
            S(root, "platform"),
            S(root, "callerNumber"),
            [.. root.GetProperty("requests").EnumerateArray().Select(r => new ExportedRequest(
                S(r, "channel") ?? "api",
                S(r, "action") ?? string.Empty,
                r.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
                    ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.ValueKind == JsonValueKind.String ? x.Value.GetString()! : x.Value.GetRawText(), StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal),
                r.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Number ? st.GetInt32() : 0,
                S(r, "outcome")))],
            S(root, "writesSource") ?? "not-recorded",
            root.TryGetProperty("writes", out var w) && w.ValueKind == JsonValueKind.Array ? [.. w.EnumerateArray().Select(LedgerWrite.Read)] : []);
    }
}

/// <summary>One recorded request of an export.</summary>
public sealed record ExportedRequest(string Channel, string Action, IReadOnlyDictionary<string, string> Parameters, int Status, string? Outcome);
