using System.Text.Json;

namespace Connectors.Scenarios.Running;

/// <summary>
/// One answer, made comparable across entry points: the HTTP status, the answer's top-level fields as strings, its
/// outcome (<c>outcome</c> else <c>status</c>) and its problem slug (a problem's type, or a channel's <c>status=denied</c>).
/// </summary>
public sealed record CallAnswer(string Channel, string Action, string Request, int Status, string Body, IReadOnlyDictionary<string, string> Fields, string? Outcome, string? Problem)
{
    public const string ProblemPrefix = "urn:connectors:problem:";

    public static CallAnswer Read(string channel, string action, string request, int status, string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in document.RootElement.EnumerateObject())
                {
                    fields[p.Name] = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString()!,
                        JsonValueKind.Null => string.Empty,
                        _ => p.Value.GetRawText(),
                    };
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML page, an empty 202): no fields.
        }

        string? problem = null;
        if (fields.TryGetValue("type", out var type) && type.StartsWith(ProblemPrefix, StringComparison.Ordinal))
        {
            problem = type[ProblemPrefix.Length..];
        }
        else if (fields.GetValueOrDefault("status") == "denied")
        {
            // A channel answers a refused read as a flat string map; its "action" says which refusal it was.
            problem = fields.GetValueOrDefault("action") == "step-up" ? "step-up-required" : "action-not-permitted";
        }

        // A passcode send answers its delivery on the JSON API (202) and status=sent on a platform.
        var outcome = fields.GetValueOrDefault("outcome") ?? (problem is null ? fields.GetValueOrDefault("status") ?? fields.GetValueOrDefault("delivery") : null);
        return new CallAnswer(channel, action, request, status, body, fields, outcome, problem);
    }

    /// <summary>What the branch conditions and the report call this answer: its problem, else its outcome.</summary>
    public string Summary => Problem ?? Outcome ?? Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
