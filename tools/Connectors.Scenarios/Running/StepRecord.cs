namespace Connectors.Scenarios.Running;

/// <summary>What one scripted step sent and was answered, and where the answer missed its expectation.</summary>
public sealed record StepRecord(int Index, string Label, IReadOnlyList<CallAnswer> Answers, IReadOnlyList<string> Misses, string LevelBefore, string LevelAfter)
{
    public CallAnswer? Answer => Answers.Count == 0 ? null : Answers[^1];
}
