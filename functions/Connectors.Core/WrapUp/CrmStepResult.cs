namespace Connectors.Core.WrapUp;

/// <summary>
/// What a CRM step answered. A permanent refusal (<see cref="Rejection"/>) comes back as a result so the
/// orchestrator parks at once; a transient failure is thrown so the step's retry policy retries it. Which thrown
/// failures count as transient is <see cref="TransientFailure"/>'s one rule; any other (a bug) parks at once too.
/// </summary>
public sealed record CrmStepResult(string? Id, string? Outcome, string? Rejection)
{
    public bool Rejected => Rejection is not null;
}
