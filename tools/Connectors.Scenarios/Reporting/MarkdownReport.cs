using System.Globalization;
using System.Text;
using Connectors.Scenarios.Running;
using Connectors.Scenarios.Scoring;

namespace Connectors.Scenarios.Reporting;

/// <summary>The Markdown summary for a pull request: a table of scenarios, then each failure's scorecard lines.</summary>
public static class MarkdownReport
{
    public static string Build(IReadOnlyList<ScenarioResult> results, IReadOnlyList<string>? baselineChanges = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        var ran = results.Where(r => r.Skipped is null).ToList();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Scenarios: {ran.Count(r => r.Passed)} of {ran.Count} passed{(results.Count > ran.Count ? $", {results.Count - ran.Count} skipped" : string.Empty)}");
        md.AppendLine();
        md.AppendLine("| scenario | result | score | pass rate | entry points |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
        {
            var word = r.Skipped is not null ? "skipped: " + r.Skipped : r.Fatal ? "**FATAL**" : r.Passed ? "passed" : "**failed**";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {word} | {r.Score:0.#} | {r.PassRate:P0} | {string.Join(", ", r.Scorecards.Select(s => s.Channel).Distinct())} |");
        }

        foreach (var r in results.Where(r => !r.Passed))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {r.Scenario}");
            foreach (var problem in r.Problems)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(problem)}");
            }
        }

        if (baselineChanges is not null)
        {
            md.AppendLine();
            md.AppendLine("### Since the baseline");
            md.AppendLine(baselineChanges.Count == 0 ? "- nothing changed" : string.Join('\n', baselineChanges.Select(c => "- " + Escape(c))));
        }

        return md.ToString();
    }

    /// <summary>One scorecard as text: the sections with their items, for the console and the failure messages of tests.</summary>
    public static string Scorecard(Scorecard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{card.Scenario} via {card.Channel} ({card.CallId}): {(card.Passed ? "PASSED" : "FAILED")}, score {card.Score:0.#}");
        foreach (var fatal in card.Fatal)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  FATAL {fatal.Name}: {fatal.Evidence}");
        }

        foreach (var section in card.Sections)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {section.Name} ({section.Weight}): {(section.Applicable ? (section.Share * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a")}");
            foreach (var item in section.Items)
            {
                var mark = item.Verdict switch { Verdict.Passed => "✔", Verdict.Failed => "✘", _ => "–" };
                text.AppendLine(CultureInfo.InvariantCulture, $"    {mark} {item.Name}{(item.Verdict == Verdict.Failed ? ": " + item.Evidence : string.Empty)}");
            }
        }

        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
