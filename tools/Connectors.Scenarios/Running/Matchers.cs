using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Scenarios.Running;

/// <summary>
/// The scenario file's matchers: a scalar matches the same text; <c>{any: true}</c> anything present; <c>{regex: ...}</c>
/// text it matches; <c>{within: [value, tolerance]}</c> a number that close; <c>{absent: true}</c> nothing at all.
/// </summary>
public static class Matchers
{
    /// <summary>Why <paramref name="actual"/> does not match, or null when it does.</summary>
    public static string? Miss(JsonNode? matcher, string? actual)
    {
        if (matcher is JsonObject rule)
        {
            if (rule.ContainsKey("absent"))
            {
                return actual is null ? null : $"expected absent, was \"{actual}\"";
            }

            if (actual is null)
            {
                return $"expected {rule.ToJsonString()}, was absent";
            }

            if (rule.ContainsKey("any"))
            {
                return null;
            }

            if (rule["regex"] is { } regex)
            {
                return Regex.IsMatch(actual, regex.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)) ? null : $"expected to match /{regex}/, was \"{actual}\"";
            }

            if (rule["within"] is JsonArray within)
            {
                var target = within[0]!.GetValue<decimal>();
                var tolerance = within[1]!.GetValue<decimal>();
                return decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && Math.Abs(n - target) <= tolerance
                    ? null : $"expected {target} ± {tolerance}, was \"{actual}\"";
            }
        }

        var expected = matcher is null ? null : matcher.GetValueKind() == JsonValueKind.String ? matcher.GetValue<string>() : matcher.ToJsonString();
        if (actual is null)
        {
            return $"expected \"{expected}\", was absent";
        }

        if (decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var e) && decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var a))
        {
            return e == a ? null : $"expected {expected}, was {actual}";
        }

        return string.Equals(expected, actual, StringComparison.Ordinal) ? null : $"expected \"{expected}\", was \"{actual}\"";
    }

    /// <summary>A field of a JSON body by a dotted path (<c>custom_fields.0.value</c>, <c>ticket.tags</c>), as text.</summary>
    public static string? Field(JsonElement? body, string path)
    {
        if (body is not { } current)
        {
            return null;
        }

        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, CultureInfo.InvariantCulture, out var i) && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null => null,
            _ => current.GetRawText(),
        };
    }
}
