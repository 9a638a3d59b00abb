using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Core.Baton;
using Connectors.Scenarios.Model;
using Connectors.Scenarios.Running;

namespace Connectors.Scenarios.Scoring;

/// <summary>
/// Scores one run. The sections and weights follow contact-center QA forms: verification correct for every action (30),
/// turns spent on verification against the budget (10), handoff completeness (20), disposition correct (20), writes
/// exactly as expected (20). The fatal tier is decided by rule: an account field answered before its gate, a write
/// whose disposition needs a level the call never reached, card digits in any answer, page or would-have-written body.
/// </summary>
public static partial class ScorecardJudge
{
    public const string DispositionTagPrefix = "connectors_outcome_";

    private static readonly string[] GateActions = ["knowledge", "otp-send", "otp-verify", "select"];
    private static readonly HashSet<string> NotAccountFields = new(StringComparer.Ordinal) { "status", "asOf", "stale", "action", "reason", "outcome" };
    private static readonly string[] DefaultHandoff = ["verificationLevel"];

    public static Scorecard Judge(Scenario scenario, ChannelRun run)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(run);
        var writes = Distinct(run.Ledger);
        IReadOnlyList<ScoreSection> sections =
        [
            new("Verification correct for every action", 30, Verification(scenario, run)),
            new("Turns spent on verification", 10, Turns(scenario, run)),
            new("Handoff completeness", 20, Handoff(scenario, run)),
            new("Disposition correct", 20, Disposition(scenario, run, writes)),
            new("Writes exactly as expected", 20, Writes(scenario, writes)),
        ];
        return new Scorecard(scenario.Name, run.Channel, run.CallId, sections, Fatal(scenario, run, writes), run.Error);
    }

    /// <summary>Writes by logical write: a repeat under the same idempotency key (a retry the CRM dedupes) counts once.</summary>
    public static IReadOnlyList<LedgerWrite> Distinct(IReadOnlyList<LedgerWrite> ledger) =>
        [.. ledger.GroupBy(w => w.IdempotencyKey is null ? w.Operation + " " + w.Path + " " + w.Body : w.Operation + " " + w.IdempotencyKey).Select(g => g.Last())];

    private static List<ScoreItem> Verification(Scenario scenario, ChannelRun run)
    {
        var items = new List<ScoreItem>();
        foreach (var step in run.Steps)
        {
            var answer = step.Answer;
            var evidence = answer is null ? step.Label : $"{answer.Request} → {answer.Status} {Trim(answer.Body)}";
            if (step.Misses.Count > 0)
            {
                items.Add(new($"step {step.Index} {step.Label}", Verdict.Failed, string.Join("; ", step.Misses) + " | " + evidence));
                continue;
            }

            if (answer is { Action: "read" } && ReadPurpose(answer) is { } purpose && scenario.Policy.ReadLevel(purpose) is { } required)
            {
                var allowed = ScenarioPolicy.Rank(step.LevelBefore) >= ScenarioPolicy.Rank(required);
                var refused = answer.Problem == "step-up-required";
                var verdict = answer.Outcome == "ok" && !allowed || refused && allowed ? Verdict.Failed : Verdict.Passed;
                items.Add(new($"step {step.Index} read {purpose} at level {step.LevelBefore} (needs {required})", verdict, evidence));
            }
            else if (GateActions.Contains(step.Answer?.Action) || step.Label.StartsWith("passcode", StringComparison.Ordinal))
            {
                items.Add(new($"step {step.Index} {step.Label}", Verdict.Passed, evidence));
            }
            else
            {
                items.Add(new($"step {step.Index} {step.Label}", Verdict.Passed, evidence));
            }
        }

        if (scenario.Expect.Level is { } level)
        {
            items.Add(new($"level reached is {level}", run.Level == level ? Verdict.Passed : Verdict.Failed, $"GET api/calls/{run.CallId} → assuranceLevel {run.Level ?? "unknown"}"));
        }

        return items;
    }

    private static List<ScoreItem> Turns(Scenario scenario, ChannelRun run)
    {
        var turns = run.Answers.Where(a => GateActions.Contains(a.Action)).ToList();
        if (turns.Count == 0)
        {
            return [new("verification turns", Verdict.NotApplicable, "no verification step")];
        }

        var budget = scenario.Expect.VerificationBudget;
        return [new($"{turns.Count} verification turns within the budget of {budget}", turns.Count <= budget ? Verdict.Passed : Verdict.Failed,
            string.Join(", ", turns.Select(t => $"{t.Action} → {t.Summary}")))];
    }

    private static List<ScoreItem> Handoff(Scenario scenario, ChannelRun run)
    {
        var wanted = scenario.Expect.Handoff.Count > 0 ? scenario.Expect.Handoff : DefaultHandoff;
        if (run.Handoff is not { } view)
        {
            return scenario.Expect.Handoff.Count > 0
                ? [new("the call was transferred with a baton", Verdict.Failed, "no transfer answer carried a baton link")]
                : [new("handoff", Verdict.NotApplicable, "the call was not transferred")];
        }

        return [.. wanted.Select(field =>
        {
            var value = Matchers.Field(view, field);
            var present = !string.IsNullOrEmpty(value) && value is not "[]" and not "{}";
            return new ScoreItem($"baton carries {field}", present ? Verdict.Passed : Verdict.Failed, $"GET api/batons/… → {field}: {Trim(value ?? "absent")}");
        })];
    }

    private static List<ScoreItem> Disposition(Scenario scenario, ChannelRun run, IReadOnlyList<LedgerWrite> writes)
    {
        if (scenario.Expect.Disposition is not { } expected)
        {
            return [new("disposition", Verdict.NotApplicable, "the scenario expects none")];
        }

        var dispositions = writes.Select(w => (Write: w, Code: DispositionCode(w))).Where(d => d.Code is not null).ToList();
        var evidence = dispositions.Count == 0
            ? $"no disposition in the ledger (wrap-up {run.WrapUpState ?? "not started"})"
            : string.Join("; ", dispositions.Select(d => $"{d.Write.Method} {d.Write.Path} → {d.Code} ({Trim(Matchers.Field(d.Write.BodyJson(), "Description") ?? d.Write.Body ?? string.Empty)})"));
        return
        [
            new($"one disposition, {expected}", dispositions.Count == 1 && dispositions[0].Code == expected ? Verdict.Passed : Verdict.Failed, evidence),
        ];
    }

    private static List<ScoreItem> Writes(Scenario scenario, IReadOnlyList<LedgerWrite> writes)
    {
        var items = new List<ScoreItem>();
        foreach (var expected in scenario.Expect.Ledger)
        {
            var matching = writes.Where(w => w.Operation == expected.Operation).ToList();
            var count = expected.Absent ? 0 : expected.Count;
            var evidence = matching.Count == 0 ? "none in the ledger" : string.Join("; ", matching.Select(Describe));
            items.Add(new($"{expected.Operation} written {count}×", matching.Count == count ? Verdict.Passed : Verdict.Failed, $"{matching.Count}× — {evidence}"));
            if (matching.Count > 0)
            {
                var body = matching[^1].BodyJson();
                foreach (var (field, matcher) in expected.Body)
                {
                    var miss = Matchers.Miss(matcher, Matchers.Field(body, field));
                    items.Add(new($"{expected.Operation} {field}", miss is null ? Verdict.Passed : Verdict.Failed, miss ?? $"{field} = {Trim(Matchers.Field(body, field) ?? "absent")}"));
                }
            }
        }

        if (scenario.Expect.ExactLedger)
        {
            var listed = scenario.Expect.Ledger.Select(l => l.Operation).ToHashSet(StringComparer.Ordinal);
            foreach (var extra in writes.Where(w => !listed.Contains(w.Operation)))
            {
                items.Add(new($"unexpected {extra.Operation}", Verdict.Failed, Describe(extra)));
            }
        }

        return items.Count == 0 ? [new("writes", Verdict.NotApplicable, "the scenario lists no writes")] : items;
    }

    private static List<ScoreItem> Fatal(Scenario scenario, ChannelRun run, IReadOnlyList<LedgerWrite> writes)
    {
        var fatal = new List<ScoreItem>();
        foreach (var step in run.Steps)
        {
            foreach (var answer in step.Answers.Where(a => a.Action == "read" && a.Outcome == "ok"))
            {
                var purpose = ReadPurpose(answer);
                var required = purpose is null ? null : scenario.Policy.ReadLevel(purpose);
                var shown = answer.Fields.Keys.Where(k => !NotAccountFields.Contains(k)).ToList();
                if (shown.Count > 0 && ScenarioPolicy.Rank(step.LevelBefore) < ScenarioPolicy.Rank(required))
                {
                    fatal.Add(new($"account field shown before its gate ({purpose} needs {required}, call at {step.LevelBefore})", Verdict.Failed,
                        $"{answer.Request} → {string.Join(", ", shown)}"));
                }
            }
        }

        foreach (var write in writes)
        {
            if (DispositionCode(write) is { } code && scenario.Policy.WriteLevel(code) is { } needed && ScenarioPolicy.Rank(run.Level) < ScenarioPolicy.Rank(needed))
            {
                fatal.Add(new($"CRM write below its level ({code} needs {needed}, call reached {run.Level ?? "none"})", Verdict.Failed, Describe(write)));
            }
        }

        var places = run.Answers.Select(a => (Where: $"answer to {a.Request}", Text: a.Body))
            .Concat(writes.Select(w => (Where: $"would-have-written {w.Operation}", Text: w.Body ?? string.Empty)))
            .Append(("baton view", run.Handoff?.GetRawText() ?? string.Empty))
            .Append(("baton page", run.HandoffPage ?? string.Empty));
        foreach (var (where, text) in places)
        {
            // The call's own id is in most answers; whatever its digits, it is not a card.
            foreach (Match candidate in DigitRun().Matches(text.Replace(run.CallId, "{call}", StringComparison.Ordinal)))
            {
                var digits = new string([.. candidate.Value.Where(char.IsAsciiDigit)]);
                if (digits.Length >= 13 && BatonRedactor.HasLuhnStretch(digits))
                {
                    fatal.Add(new("card digits shown", Verdict.Failed, $"{where}: …{digits[^4..]} ({digits.Length} digits)"));
                }
            }
        }

        return fatal;
    }

    /// <summary>The outcome code a write records: Salesforce's <c>CallDisposition</c>, Zendesk's outcome tag.</summary>
    public static string? DispositionCode(LedgerWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var body = write.BodyJson();
        if (Matchers.Field(body, "CallDisposition") is { } code)
        {
            return code;
        }

        var tags = Matchers.Field(body, "ticket.tags");
        if (tags is null)
        {
            return null;
        }

        var tag = JsonSerializer.Deserialize<string[]>(tags)?.FirstOrDefault(t => t.StartsWith(DispositionTagPrefix, StringComparison.Ordinal));
        return tag?[DispositionTagPrefix.Length..].ToUpperInvariant();
    }

    public static string Describe(LedgerWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return $"{write.Operation} {write.Method} {write.Path} {Trim(write.Body ?? string.Empty)}";
    }

    private static string? ReadPurpose(CallAnswer answer)
    {
        var marker = answer.Request.IndexOf("for=", StringComparison.Ordinal);
        if (marker >= 0)
        {
            return answer.Request[(marker + 4)..].Split(',', '}', ' ')[0];
        }

        var query = answer.Request.IndexOf("action=", StringComparison.Ordinal);
        return query >= 0 ? Uri.UnescapeDataString(answer.Request[(query + 7)..].Split(' ', '&')[0]) : null;
    }

    private static string Trim(string text) => text.Length <= 240 ? text : text[..240] + "…";

    // A run standing alone, as a number is written or read out; digits inside an id (a CallSid's hex) are not a card.
    [GeneratedRegex(@"(?<![A-Za-z0-9])\d(?:[ -]?\d){12,22}(?![A-Za-z0-9])")]
    private static partial Regex DigitRun();
}
