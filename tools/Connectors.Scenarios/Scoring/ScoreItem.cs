namespace Connectors.Scenarios.Scoring;

/// <summary>One line of a QA form: what was judged, the verdict, and the evidence (the request, the answer, the ledger entry).</summary>
public sealed record ScoreItem(string Name, Verdict Verdict, string Evidence);
