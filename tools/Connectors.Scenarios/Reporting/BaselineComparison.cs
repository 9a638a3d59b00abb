using System.Globalization;

namespace Connectors.Scenarios.Reporting;

/// <summary>What changed since a baseline run: scenarios that now fail or now pass, scores that moved, new and gone ones.</summary>
public static class BaselineComparison
{
    public static IReadOnlyList<string> Compare(IReadOnlyList<ResultSummary> baseline, IReadOnlyList<ResultSummary> current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var before = baseline.ToDictionary(r => r.Scenario, StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var now in current)
        {
            if (!before.Remove(now.Scenario, out var then))
            {
                changes.Add($"new: {now.Scenario} ({Word(now)})");
                continue;
            }

            if (then.Passed && !now.Passed)
            {
                changes.Add($"now fails: {now.Scenario}" + (now.Problems.Count > 0 ? " — " + now.Problems[0] : string.Empty));
            }
            else if (!then.Passed && now.Passed)
            {
                changes.Add($"now passes: {now.Scenario}");
            }

            if (Math.Abs(then.Score - now.Score) >= 0.1)
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"score: {now.Scenario} {then.Score:0.#} → {now.Score:0.#}"));
            }

            if (Math.Abs(then.PassRate - now.PassRate) >= 0.001)
            {
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"pass rate: {now.Scenario} {then.PassRate:P0} → {now.PassRate:P0}"));
            }

            foreach (var problem in now.Problems.Except(then.Problems))
            {
                changes.Add($"new failure in {now.Scenario}: {problem}");
            }
        }

        changes.AddRange(before.Keys.Select(name => $"gone: {name}"));
        return changes;
    }

    private static string Word(ResultSummary r) => r.Skipped ? "skipped" : r.Passed ? "passes" : "fails";
}
