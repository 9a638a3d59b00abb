using System.Text;
using System.Text.Json;
using Connectors.Core.Baton;

namespace Connectors.Core.Retries;

/// <summary>
/// The last check before a first answer is stored for retries: no table may hold a one-time code, a knowledge answer, a
/// token or a card number. The answers stored today hold none (the flows that carry one, a read's account fields and a
/// transfer's agent link, are run again instead); this refuses any that would, so a new field cannot leak by accident.
/// </summary>
public static class ReplayAnswerScreen
{
    /// <summary>Property names that carry what no table may hold (an agent link is a capability, like a token).</summary>
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "passcode", "token", "lastFour", "billingZip", "dateOfBirth", "baton_url", "agentPageUrl", "task_attributes", "secret",
    };

    /// <summary>True when <paramref name="json"/> may be stored: small enough, no forbidden property, no card number.</summary>
    public static bool MayStore(ReadOnlySpan<byte> json)
    {
        if (json.Length > RequestReplayStore.MaxAnswerBytes)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(json);
        if (!string.Equals(BatonRedactor.RedactCardNumbers(text), text, StringComparison.Ordinal))
        {
            return false; // a Luhn-valid run of 13 to 19 digits
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return !Names(document.RootElement).Any(Forbidden.Contains);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Names(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                yield return property.Name;
                foreach (var nested in Names(property.Value))
                {
                    yield return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var nested in Names(item))
                {
                    yield return nested;
                }
            }
        }
    }
}
