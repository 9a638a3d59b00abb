using Connectors.Scenarios.Model;

namespace Connectors.Tests.Scenarios;

/// <summary>The shipped <c>scenarios/</c> folder and its loader, found from the test's working folder up.</summary>
internal static class ScenarioFolder
{
    public static string Path { get; } = ScenarioLoader.FindUp("scenarios");

    public static ScenarioLoader Loader { get; } = ScenarioLoader.Default();

    public static IReadOnlyList<Scenario> All() => [.. ScenarioLoader.Files(Path).Select(Loader.Load)];

    public static Scenario Named(string name) => All().Single(s => s.Name == name);

    public static string Report(IEnumerable<Connectors.Scenarios.Running.ScenarioResult> results) =>
        string.Join('\n', results.Where(r => !r.Passed).SelectMany(r => r.Scorecards.Where(c => !c.Passed).Select(Connectors.Scenarios.Reporting.MarkdownReport.Scorecard).Concat(r.LedgerDifferences)));
}
