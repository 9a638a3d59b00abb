using System.Text.Json;

namespace Connectors.Scenarios.Running;

/// <summary>One run of a scenario through one entry point: its steps, the level it reached, its ledger and its handoff.</summary>
public sealed record ChannelRun
{
    public required string Channel { get; init; }

    public required string CallId { get; init; }

    public required IReadOnlyList<StepRecord> Steps { get; init; }

    public string? Level { get; init; }

    public IReadOnlyList<LedgerWrite> Ledger { get; init; } = [];

    public string? WrapUpState { get; init; }

    /// <summary>The agent's view of the baton (<c>GET /api/batons/{token}</c>) when the call was transferred.</summary>
    public JsonElement? Handoff { get; init; }

    /// <summary>The baton page's HTML, for the card-digit rule.</summary>
    public string? HandoffPage { get; init; }

    /// <summary>What stopped the run early (an unreachable host, a lookup that never finished).</summary>
    public string? Error { get; init; }

    public IEnumerable<CallAnswer> Answers => Steps.SelectMany(s => s.Answers);
}
