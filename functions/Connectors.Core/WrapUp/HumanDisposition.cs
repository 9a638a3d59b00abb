namespace Connectors.Core.WrapUp;

/// <summary>
/// A human's answer to the draft: the body of <c>POST /api/calls/{callId}/disposition</c> and the external
/// event the orchestration waits for. Same code and summary as the draft = confirmed; anything else = edited.
/// </summary>
public sealed record HumanDisposition(string? OutcomeCode, string? Summary, bool? FollowUp = null);
