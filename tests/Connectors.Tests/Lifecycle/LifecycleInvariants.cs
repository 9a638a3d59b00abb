using System.Text.RegularExpressions;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// The call contract every lifecycle must keep, read from what the run collected (the simulators' own records, the
/// tables, the logs, the answers). Each check returns what broke, in words a reader can act on; none means it held.
/// </summary>
public static partial class LifecycleInvariants
{
    public const string AbandonedCode = "ABANDONED";

    public static IReadOnlyList<string> Violations(LifecycleRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. ExactlyOneRecord(run), .. AbandonedOnlyAfterSilence(run), .. RetriesGetTheFirstAnswer(run), .. NoServerErrors(run), .. NoAccountFieldBeforeItsGate(run), .. NoCardDigits(run)];
    }

    /// <summary>Every call has exactly one disposition record in its CRM, counting every record the call made there.</summary>
    public static IEnumerable<string> ExactlyOneRecord(LifecycleRun run)
    {
        if (run.RecordOutcomes.Count != 1)
        {
            yield return $"exactly one record ({(run.RecordOutcomes.Count == 0 ? "a void" : "duplicates")}): the call has {run.RecordOutcomes.Count} records in {run.Lifecycle.Crm} ({string.Join(", ", run.RecordOutcomes)}); its wrap-up settled as {run.SettledState}";
        }
    }

    /// <summary>ABANDONED is recorded only for a call that went quiet for AbandonAfter.</summary>
    public static IEnumerable<string> AbandonedOnlyAfterSilence(LifecycleRun run)
    {
        if (run.RecordOutcomes.Contains(AbandonedCode) && run.LongestSilence < LifecycleRig.AbandonAfter)
        {
            yield return $"abandoned only after silence: recorded {AbandonedCode}, yet the longest silence was {run.LongestSilence:c} (AbandonAfter {LifecycleRig.AbandonAfter:c})";
        }
    }

    /// <summary>A retry (same request, same id, at once) gets the first answer again: the same status and body, the one-time link aside.</summary>
    public static IEnumerable<string> RetriesGetTheFirstAnswer(LifecycleRun run)
    {
        for (var i = 1; i < run.Exchanges.Count; i++)
        {
            var (first, retry) = (run.Exchanges[i - 1], run.Exchanges[i]);
            if (retry.IsRetry && (first.Status != retry.Status || WithoutOneTimeLinks(first.Body) != WithoutOneTimeLinks(retry.Body)))
            {
                yield return $"a retry returns the first answer: step {retry.Step} ({retry.Kind}) answered {first.Status} {first.Body}\n    and its retry {retry.Status} {retry.Body}";
            }
        }
    }

    public static IEnumerable<string> NoServerErrors(LifecycleRun run) =>
        run.Exchanges.Where(e => e.Status >= 500).Select(e => $"no 5xx: step {e.Step} ({e.Kind}) answered {e.Status} {e.Body}");

    /// <summary>
    /// No answer shows an account field (by name for the balance, by value for the rest) unless a good answer to the
    /// gate of the read that shows it was given earlier in the call: the knowledge check or a passcode for balance, a
    /// passcode for payment; any other answer shows none ever.
    /// </summary>
    public static IEnumerable<string> NoAccountFieldBeforeItsGate(LifecycleRun run)
    {
        var knowledge = false;
        var possession = false;
        var c = run.Customer;
        foreach (var e in run.Exchanges)
        {
            var shown = new[] { c.DisplayName, c.AccountNumber, c.Email }.Where(v => e.Body.Contains(v, StringComparison.OrdinalIgnoreCase)).ToList();
            if (e.Body.Contains("\"balance\"", StringComparison.Ordinal))
            {
                shown.Add("balance");
            }

            var allowed = e.Kind switch
            {
                LifecycleEventKind.ReadBalance => knowledge || possession,
                LifecycleEventKind.ReadPayment => possession,
                _ => false,
            };
            if (shown.Count > 0 && !allowed)
            {
                yield return $"no account field before its gate: step {e.Step} ({e.Kind}) showed {string.Join(", ", shown)} with {(knowledge ? "a good knowledge answer" : "no good knowledge answer")} and {(possession ? "a good passcode" : "no good passcode")} before it";
            }

            knowledge |= e.Kind == LifecycleEventKind.KnowledgeGood;
            possession |= e.Kind == LifecycleEventKind.OtpVerifyGood && !e.Request.ToString().Contains("000000", StringComparison.Ordinal);
        }
    }

    /// <summary>The card number the caller read out is in no answer, table, simulator record or log, in any of its usual forms.</summary>
    public static IEnumerable<string> NoCardDigits(LifecycleRun run)
    {
        var card = run.CardNumber;
        string[] forms = [card, string.Join(' ', card.Chunk(4).Select(g => new string(g))), string.Join('-', card.Chunk(4).Select(g => new string(g)))];
        foreach (var (place, text) in run.Places)
        {
            foreach (var form in forms.Where(f => text.Contains(f, StringComparison.Ordinal)))
            {
                yield return $"no card digits anywhere: the card number read out on the call ({form[..4]}…) is in the {place}";
            }
        }
    }

    /// <summary>What broke, without the particulars: the text before the first colon ("exactly one record (duplicates)", "no 5xx").</summary>
    public static string KindOf(string violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        var colon = violation.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? violation : violation[..colon];
    }

    /// <summary>
    /// The agent link's token is shown once and rotated by a retried transfer, by design, wherever the answer carries it
    /// (the link, the token itself, the SIP headers, hex in User-to-User), and the new link's lifetime starts with it
    /// (its <c>expiresAt</c>); everything else must match.
    /// </summary>
    public static string WithoutOneTimeLinks(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (TokenField().Match(body) is { Success: true } token)
        {
            var value = token.Groups[1].Value;
            body = body.Replace(value, "<token>", StringComparison.Ordinal)
                .Replace(Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(value)), "<token>", StringComparison.Ordinal);
            body = LinkExpiry().Replace(body, "\"expiresAt\":\"<link expiry>\"");
        }

        return BatonToken().Replace(body, "batons/<token>");
    }

    [GeneratedRegex(@"batons/[A-Za-z0-9_\-]+")]
    private static partial Regex BatonToken();

    [GeneratedRegex(@"""token""\s*:\s*""([A-Za-z0-9_\-]{16,})""")]
    private static partial Regex TokenField();

    [GeneratedRegex(@"""expiresAt""\s*:\s*""[^""]*""")]
    private static partial Regex LinkExpiry();
}
