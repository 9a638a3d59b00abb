namespace Connectors.Scenarios.Scoring;

/// <summary>A weighted section: it scores its weight times the share of its applicable items that passed.</summary>
public sealed record ScoreSection(string Name, int Weight, IReadOnlyList<ScoreItem> Items)
{
    public bool Applicable => Items.Any(i => i.Verdict != Verdict.NotApplicable);

    public double Share => Applicable ? (double)Items.Count(i => i.Verdict == Verdict.Passed) / Items.Count(i => i.Verdict != Verdict.NotApplicable) : 1;
}
