using Connectors.Scenarios.Scoring;

namespace Connectors.Scenarios.Running;

/// <summary>
/// A scenario's result: a scorecard per entry point and repeat, and where the entry points' ledgers differ.
/// <see cref="Skipped"/> says why it did not run (another CRM, a fix it waits on).
/// </summary>
public sealed record ScenarioResult(string Scenario, string? File, IReadOnlyList<Scorecard> Scorecards, IReadOnlyList<string> LedgerDifferences, string? Skipped = null)
{
    public bool Passed => Skipped is not null || Scorecards.All(s => s.Passed) && LedgerDifferences.Count == 0;

    /// <summary>The share of runs (entry point × repeat) that passed.</summary>
    public double PassRate => Scorecards.Count == 0 ? 1 : (double)Scorecards.Count(s => s.Passed) / Scorecards.Count;

    public double Score => Scorecards.Count == 0 ? 100 : Math.Round(Scorecards.Average(s => s.Score), 1);

    public bool Fatal => Scorecards.Any(s => s.Fatal.Count > 0);

    /// <summary>Everything that failed, one readable line each: the diff a person reads first.</summary>
    public IEnumerable<string> Problems =>
        Scorecards.SelectMany(s =>
                (s.Error is null ? [] : new[] { $"[{s.Channel}] run stopped: {s.Error}" })
                .Concat(s.Fatal.Select(f => $"[{s.Channel}] FATAL {f.Name}: {f.Evidence}"))
                .Concat(s.Failures.Select(f => $"[{s.Channel}] {f.Name}: {f.Evidence}")))
            .Concat(LedgerDifferences.Select(d => "ledger differs between entry points: " + d))
            .Distinct();
}
