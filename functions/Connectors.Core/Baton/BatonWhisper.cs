using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.Core.Baton;

/// <summary>
/// The line a platform plays to the human before the bridge, at most <see cref="MaxWords"/> words: the intent, the first
/// amount and how the caller was verified ("Duplicate-charge dispute, $59 duplicate charge, verified by passcode").
/// Built only from the view's redacted intent, amounts and verification, never from the transcript.
/// </summary>
public static partial class BatonWhisper
{
    public const int MaxWords = 20;

    public static string For(BatonView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var parts = new List<string>();
        var intent = !string.IsNullOrWhiteSpace(view.Intent) ? view.Intent.Trim() : view.Reason.Replace('-', ' ').Replace('_', ' ');
        parts.Add(char.ToUpperInvariant(intent[0]) + intent[1..]);
        if (view.Amounts.Count > 0)
        {
            var amount = view.Amounts[0];
            parts.Add((Money(amount) + " " + amount.Label).Trim());
        }

        parts.Add(view.VerificationMethods.Count > 0
            ? "verified by " + string.Join(" and ", view.VerificationMethods.Select(Spoken))
            : "not verified");

        var words = string.Join(", ", parts).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(MaxWords));
    }

    /// <summary>$59, $59.50, €12, or "59.00 CHF" where no symbol is common.</summary>
    private static string Money(BatonAmount amount)
    {
        var value = amount.Value == decimal.Truncate(amount.Value)
            ? amount.Value.ToString("0", CultureInfo.InvariantCulture)
            : amount.Value.ToString("0.00", CultureInfo.InvariantCulture);
        return amount.Currency switch
        {
            "USD" or "CAD" or "AUD" => "$" + value,
            "EUR" => "€" + value,
            "GBP" => "£" + value,
            _ => value + " " + amount.Currency,
        };
    }

    /// <summary>smsPasscode → "passcode", knowledgeCheck → "knowledge check": how an agent says it.</summary>
    private static string Spoken(string method) => method switch
    {
        "smsPasscode" or "emailPasscode" => "passcode",
        "voiceBiometric" or "biometric" => "voice biometrics",
        _ => Words().Replace(method, " $1").ToLowerInvariant(),
    };

    [GeneratedRegex("(?<=[a-z])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
