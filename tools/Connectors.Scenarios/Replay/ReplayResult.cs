using Connectors.Scenarios.Scoring;

namespace Connectors.Scenarios.Replay;

/// <summary>One replayed call: the new run's scorecard and the field-by-field difference from the writes it recorded.</summary>
public sealed record ReplayResult(string CallId, string WritesSource, Scorecard Scorecard, IReadOnlyList<string> Differences)
{
    public bool Same => Differences.Count == 0 && Scorecard.Error is null;
}
