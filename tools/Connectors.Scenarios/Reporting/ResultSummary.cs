using Connectors.Scenarios.Running;

namespace Connectors.Scenarios.Reporting;

/// <summary>One scenario's line in <c>results.json</c>: what <c>--baseline</c> compares a later run with.</summary>
public sealed record ResultSummary(string Scenario, bool Passed, bool Skipped, double PassRate, double Score, bool Fatal, IReadOnlyList<string> Problems)
{
    public static ResultSummary Of(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Scenario, result.Passed, result.Skipped is not null, result.PassRate, result.Score, result.Fatal, [.. result.Problems]);
    }
}
