namespace Connectors.Scenarios.Scoring;

/// <summary>
/// The QA scorecard of one scenario through one entry point. <see cref="Fatal"/> items fail it whatever its score;
/// so does any failed item or a run that could not finish.
/// </summary>
public sealed record Scorecard(string Scenario, string Channel, string CallId, IReadOnlyList<ScoreSection> Sections, IReadOnlyList<ScoreItem> Fatal, string? Error)
{
    /// <summary>0 to 100: the applicable sections' weighted shares.</summary>
    public double Score
    {
        get
        {
            var applicable = Sections.Where(s => s.Applicable).ToList();
            var weight = applicable.Sum(s => s.Weight);
            return weight == 0 ? 100 : Math.Round(100 * applicable.Sum(s => s.Weight * s.Share) / weight, 1);
        }
    }

    public IEnumerable<ScoreItem> Failures => Sections.SelectMany(s => s.Items).Where(i => i.Verdict == Verdict.Failed);

    public bool Passed => Error is null && Fatal.Count == 0 && !Failures.Any();
}
