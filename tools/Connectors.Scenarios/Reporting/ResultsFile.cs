using System.Text.Json;
using Connectors.Scenarios.Model;
using Connectors.Scenarios.Running;

namespace Connectors.Scenarios.Reporting;

/// <summary><c>results.json</c>: every scenario's summary, written by each run and read back by <c>--baseline</c>.</summary>
public static class ResultsFile
{
    public static async Task WriteAsync(string path, IReadOnlyList<ScenarioResult> results, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results.Select(ResultSummary.Of), ScenarioLoader.Json), cancellationToken);
    }

    public static async Task<IReadOnlyList<ResultSummary>> ReadAsync(string path, CancellationToken cancellationToken) =>
        JsonSerializer.Deserialize<List<ResultSummary>>(await File.ReadAllTextAsync(path, cancellationToken), ScenarioLoader.Json) ?? [];
}
