using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Scenarios.Model;
using Connectors.Scenarios.Scoring;

namespace Connectors.Scenarios.Replay;

/// <summary>
/// Turns an exported call into a scenario file: its requests become steps on the entry point it came through, the gates'
/// recorded outcomes become expectations, and its writes become the expected ledger. The export is redacted, so the
/// caller's answers come from <paramref name="caller"/> (a passed check is replayed with them, a failed one with wrong
/// ones) and a passcode is read again from the simulator's inbox.
/// </summary>
public static class ScenarioFromCall
{
    public static JsonObject Build(CallExportDocument export, string crm, Caller? caller = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        var channels = export.Requests.Select(r => r.Channel).Distinct().Where(c => c != "api").ToList();
        var channel = channels.Count == 1 && export.Requests.All(r => r.Channel == channels[0] || r.Action is "disposition" or "select") ? channels[0] : "api";
        var steps = new JsonArray();
        var requests = export.Requests;
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var step = new JsonObject();
            var with = new JsonObject();
            switch (r.Action)
            {
                case "connect":
                    step["do"] = "connect";
                    steps.Add(step);
                    steps.Add(new JsonObject { ["do"] = "wait-lookup" });
                    continue;
                case "knowledge":
                    step["do"] = "knowledge";
                    if (r.Outcome != "passed")
                    {
                        with["answers"] = "wrong";
                    }

                    Expect(step, r);
                    break;
                case "otp-send" when i + 1 < requests.Count && requests[i + 1].Action == "otp-verify":
                    step["do"] = "passcode";
                    var verify = requests[++i];
                    if (verify.Outcome != "passed")
                    {
                        with["code"] = "wrong";
                    }

                    Expect(step, verify);
                    break;
                case "otp-verify":
                    continue;
                case "read":
                    step["do"] = "read";
                    with["for"] = r.Parameters.GetValueOrDefault("for") ?? string.Empty;
                    Expect(step, r);
                    break;
                case "say":
                    step["do"] = "say";
                    foreach (var (name, value) in SayParameters(r.Parameters))
                    {
                        with[name] = value;
                    }

                    break;
                case "disposition":
                    step["do"] = "edit";
                    Copy(r.Parameters, with, "outcomeCode", "summary");
                    break;
                case "select":
                    step["do"] = "select";
                    Copy(r.Parameters, with, "accountNumber");
                    break;
                case "end":
                    step["do"] = "end";
                    Copy(r.Parameters, with, "reason", "humanTookCall");
                    break;
                default:
                    step["do"] = r.Action;
                    foreach (var (name, value) in r.Parameters.Where(p => p.Key is not ("callerNumber" or "dialledNumber" or "platform" or "CallSid" or "From" or "To")))
                    {
                        with[name] = value;
                    }

                    break;
            }

            if (with.Count > 0)
            {
                step["with"] = with;
            }

            steps.Add(step);
        }

        var ledger = new JsonArray();
        var writes = ScorecardJudge.Distinct(export.Writes);
        foreach (var group in writes.GroupBy(w => w.Operation))
        {
            ledger.Add(new JsonObject { ["operation"] = group.Key, ["count"] = group.Count() });
        }

        var expect = new JsonObject { ["ledger"] = ledger, ["exactLedger"] = true };
        if (writes.Select(ScorecardJudge.DispositionCode).OfType<string>().FirstOrDefault() is { } code)
        {
            expect["disposition"] = code;
        }

        var connect = requests.FirstOrDefault(r => r.Action == "connect");
        var callerNode = new JsonObject { ["number"] = export.CallerNumber ?? connect?.Parameters.GetValueOrDefault("callerNumber") };
        if (caller is not null)
        {
            callerNode["lastFour"] = caller.LastFour;
            callerNode["billingZip"] = caller.BillingZip;
        }

        return new JsonObject
        {
            ["name"] = Name(export.CallId),
            ["description"] = $"Replay of call {export.CallId} ({export.Requests.Count} requests, writes from its {export.WritesSource}).",
            ["crm"] = crm,
            ["channels"] = new JsonArray(channel),
            ["caller"] = callerNode,
            ["steps"] = steps,
            ["expect"] = expect,
        };
    }

    /// <summary>The scenario as YAML text.</summary>
    public static string ToYaml(JsonNode scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new YamlDotNet.Serialization.SerializerBuilder().Build().Serialize(Plain(scenario));
    }

    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v => decimal.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
        _ => null,
    };

    private static void Expect(JsonObject step, ExportedRequest r)
    {
        if (r.Outcome is { } outcome)
        {
            step["expect"] = outcome is "step-up-required" or "action-not-permitted" or "auth-locked-out"
                ? new JsonObject { ["problem"] = outcome }
                : new JsonObject { ["outcome"] = outcome };
        }
    }

    private static void Copy(IReadOnlyDictionary<string, string> from, JsonObject to, params string[] names)
    {
        foreach (var name in names)
        {
            if (from.TryGetValue(name, out var value))
            {
                to[name] = value;
            }
        }
    }

    /// <summary>A JSON API append carries turns and amounts as lists; a platform's "say" one turn and one amount, flat.</summary>
    private static IEnumerable<KeyValuePair<string, string>> SayParameters(IReadOnlyDictionary<string, string> p)
    {
        foreach (var (name, value) in p)
        {
            if (name == "turns" && Json(value) is JsonArray { Count: > 0 } turns)
            {
                yield return new("speaker", turns[0]?["speaker"]?.GetValue<string>() ?? "caller");
                yield return new("text", turns[0]?["text"]?.GetValue<string>() ?? string.Empty);
            }
            else if (name == "amounts" && Json(value) is JsonArray { Count: > 0 } amounts)
            {
                yield return new("amount", amounts[0]?["value"]?.ToJsonString() ?? "0");
                if (amounts[0]?["currency"]?.GetValue<string>() is { } currency)
                {
                    yield return new("currency", currency);
                }

                if (amounts[0]?["label"]?.GetValue<string>() is { } label)
                {
                    yield return new("amountLabel", label);
                }
            }
            else if (name == "notes" && Json(value) is JsonArray { Count: > 0 } notes)
            {
                yield return new("note", notes[0]?.GetValue<string>() ?? string.Empty);
            }
            else if (name is "intent" or "summary" or "speaker" or "text" or "amount" or "currency" or "amountLabel" or "note")
            {
                yield return new(name, value);
            }
        }
    }

    private static JsonNode? Json(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Name(string callId)
    {
        var safe = new string([.. callId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return ("replay-" + safe)[..Math.Min(63, 7 + safe.Length)];
    }
}
