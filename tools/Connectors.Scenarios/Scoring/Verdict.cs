namespace Connectors.Scenarios.Scoring;

public enum Verdict
{
    Passed,
    Failed,
    NotApplicable,
}
