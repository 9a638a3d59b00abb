using System.Text.Json.Nodes;
using Connectors.Scenarios.Model;
using Connectors.Scenarios.Running;
using Connectors.Scenarios.Scoring;

namespace Connectors.Scenarios.Replay;

/// <summary>
/// Replay: fetches an export (<c>--from-call</c>), and re-runs exported calls in dry run against the current build
/// (<c>--replay</c>), comparing the new ledger with the writes the call recorded, field by field.
/// </summary>
public sealed class CallReplayer(HttpClient http, RunnerSettings settings)
{
    public async Task<CallExportDocument> ExportAsync(string callId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/calls/{Uri.EscapeDataString(callId)}/export");
        if (!string.IsNullOrEmpty(settings.Key))
        {
            request.Headers.Add("x-functions-key", settings.Key);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? CallExportDocument.Parse(body) : throw new InvalidOperationException($"The export of {callId} answered {(int)response.StatusCode}: {body}");
    }

    public async Task<ReplayResult> ReplayAsync(CallExportDocument export, Caller? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(export);
        var node = ScenarioFromCall.Build(export, settings.Crm, caller);
        var scenario = ScenarioLoader.Read(node, null);
        var channel = scenario.Channels[0];
        var callId = ScenarioRunner.CallIdFor(scenario, channel);
        var run = await new ScenarioExecutor(http, settings).RunAsync(scenario, channel, callId, cancellationToken);
        var card = ScorecardJudge.Judge(scenario, run);
        var differences = export.WritesSource == "ledger"
            ? LedgerNormalizer.Diff(LedgerNormalizer.Normalize(export.CallId, export.Writes), LedgerNormalizer.Normalize(callId, run.Ledger))
            : [$"the recorded call was live: its writes are in the CRM, not in an export, so only its answers were compared"];
        var stepMisses = run.Steps.SelectMany(s => s.Misses.Select(m => $"step {s.Index} {s.Label}: {m}"));
        return new ReplayResult(export.CallId, export.WritesSource, card, [.. stepMisses, .. differences]);
    }

    /// <summary>The exports of a replay folder (<c>*.json</c>, as <c>--from-call</c> saves them).</summary>
    public static IReadOnlyList<CallExportDocument> ReadFolder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => CallExportDocument.Parse(File.ReadAllText(f)))];

    public static JsonNode ScenarioOf(CallExportDocument export, string crm, Caller? caller) => ScenarioFromCall.Build(export, crm, caller);
}
