using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Scenarios.Scoring;

namespace Connectors.Scenarios.Running;

/// <summary>
/// Makes two calls' ledgers comparable: the call id, idempotency keys, made-up record ids, timestamps and times of day
/// become placeholders, fields that only measure the call's pace (<see cref="PaceFields"/>) are left out, and a repeat
/// under the same key is one write. What is left is what the call decided to write.
/// </summary>
public static partial class LedgerNormalizer
{
    /// <summary>Body fields that measure how fast the call went, not what it decided (a replay runs at its own pace).</summary>
    public static IReadOnlySet<string> PaceFields { get; } = new HashSet<string>(StringComparer.Ordinal) { "CallDurationInSeconds", "duration", "call_duration" };

    public static IReadOnlyList<LedgerWrite> Normalize(string callId, IReadOnlyList<LedgerWrite> ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var writes = ScorecardJudge.Distinct(ledger);
        var replacements = new List<(string From, string To)> { (callId, "{call}") };
        var k = 0;
        foreach (var key in writes.Select(w => w.IdempotencyKey).OfType<string>().Distinct())
        {
            replacements.Add((key, $"{{key{++k}}}"));
        }

        var r = 0;
        foreach (var id in ledger.Select(w => w.SimulatedRecordId).OfType<string>().Distinct())
        {
            replacements.Add((id, $"{{record{++r}}}"));
        }

        string Apply(string? text)
        {
            if (text is null)
            {
                return string.Empty;
            }

            foreach (var (from, to) in replacements.OrderByDescending(p => p.From.Length))
            {
                text = text.Replace(from, to, StringComparison.Ordinal);
            }

            text = Revision().Replace(TimeOfDay().Replace(Timestamp().Replace(text, "{time}"), "{time}"), "{revision}");

            // The transcript names the platform the call came through; through another entry point that name differs by design.
            return Platform().Replace(text, "({platform})");
        }

        return [.. writes.Select(w => w with { Path = Apply(w.Path), Body = Apply(w.Body), IdempotencyKey = Apply(w.IdempotencyKey), SimulatedRecordId = Apply(w.SimulatedRecordId) })];
    }

    /// <summary>Field-by-field differences between two normalized ledgers, paired by operation in order; empty when the same.</summary>
    public static IReadOnlyList<string> Diff(IReadOnlyList<LedgerWrite> expected, IReadOnlyList<LedgerWrite> actual, string expectedName = "recorded", string actualName = "replayed")
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var diffs = new List<string>();
        foreach (var operation in expected.Select(w => w.Operation).Concat(actual.Select(w => w.Operation)).Distinct())
        {
            var left = expected.Where(w => w.Operation == operation).ToList();
            var right = actual.Where(w => w.Operation == operation).ToList();
            if (left.Count != right.Count)
            {
                diffs.Add($"{operation}: {expectedName} {left.Count}×, {actualName} {right.Count}×");
            }

            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            {
                var name = left.Count == 1 ? operation : $"{operation}[{i}]";
                if (left[i].Path != right[i].Path)
                {
                    diffs.Add($"{name} path: {expectedName} {left[i].Path}, {actualName} {right[i].Path}");
                }

                var a = Flatten(left[i].Body);
                var b = Flatten(right[i].Body);
                foreach (var field in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
                {
                    var x = a.GetValueOrDefault(field);
                    var y = b.GetValueOrDefault(field);
                    if (!string.Equals(x, y, StringComparison.Ordinal))
                    {
                        diffs.Add($"{name} {field}: {expectedName} {Show(x)}, {actualName} {Show(y)}");
                    }
                }
            }
        }

        return diffs;
    }

    private static Dictionary<string, string> Flatten(string? body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(body))
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            Walk(document.RootElement, string.Empty, fields);
        }
        catch (JsonException)
        {
            fields["(body)"] = body;
        }

        return fields;
    }

    private static void Walk(JsonElement e, string path, Dictionary<string, string> fields)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name, fields);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, $"{path}.{i++}", fields);
                }

                break;
            default:
                if (!PaceFields.Contains(path[(path.LastIndexOf('.') + 1)..]))
                {
                    fields[path] = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
                }

                break;
        }
    }

    private static string Show(string? value) => value is null ? "(absent)" : "\"" + (value.Length <= 120 ? value : value[..120] + "…") + "\"";

    [GeneratedRegex(@"(?<![\d:])\d{2}:\d{2}:\d{2}(?![\d:])")]
    private static partial Regex TimeOfDay();

    /// <summary>A content hash the CRM adapter stamps on what it writes (Zendesk's revision tag): it moves with the times above.</summary>
    [GeneratedRegex(@"connectors_rev_[0-9a-f]+")]
    private static partial Regex Revision();

    [GeneratedRegex(@"\((amazon-connect|twilio|webhook)\)")]
    private static partial Regex Platform();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z| UTC|[+-]\d{2}:\d{2})?")]
    private static partial Regex Timestamp();
}
