using Connectors.Core.Baton;
using Connectors.Core.Calls;

namespace Connectors.Core.Replay;

/// <summary>
/// Redacts a request before it is stored: the answers a caller gives a gate (knowledge answers, one-time codes) and any
/// secret-shaped parameter lose their value, a phone number keeps its last four digits (the export carries the caller's
/// number from the session, for a replay), card numbers and codes in free text become the baton's markers, and every
/// value and the parameter count are capped, so a recorded request is small and never holds what the call protects.
/// </summary>
public static class RecordedRequestRedactor
{
    public const string Marker = "[redacted]";
    public const int MaxParameters = 24;
    public const int MaxValueLength = 512;

    private static readonly string[] SecretNames = ["code", "lastFour", "billingZip", "dateOfBirth", "pin", "token", "secret", "password", "signature", "cvv"];

    public static IReadOnlyDictionary<string, string> Redact(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var redacted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (redacted.Count == MaxParameters)
            {
                break;
            }

            redacted[name] = IsSecret(name) ? Marker
                : IsPhoneShaped(value) ? PhoneNumber.MaskDigits(value)
                : Cap(BatonRedactor.Redact(value, codeContext: BatonRedactor.AsksForCode(value)));
        }

        return redacted;
    }

    public static bool IsSecret(string name) =>
        SecretNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)) && !name.Equals("reasonCode", StringComparison.OrdinalIgnoreCase)
        && !name.Equals("outcomeCode", StringComparison.OrdinalIgnoreCase);

    /// <summary>A whole value written as a phone number: an optional +, then 7 to 15 digits with spaces, dots, dashes or brackets.</summary>
    public static bool IsPhoneShaped(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var body = text.StartsWith('+') ? text[1..] : text;
        var digits = body.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && body.Length > 0 && body.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')');
    }

    private static string Cap(string value) => value.Length <= MaxValueLength ? value : value[..MaxValueLength] + "…";
}
