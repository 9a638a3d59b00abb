namespace Connectors.Core.Auth;

/// <summary>
/// The answer to a verification attempt. A failed answer is a 200 with <see cref="Outcome"/> <c>failed</c>
/// (a business outcome the IVR or agent acts on, not an HTTP error). <see cref="Level"/> is the level now
/// reached for the selected account by any method; <see cref="AttemptsRemaining"/> how many more tries the
/// tightest limit allows, when one applies.
/// </summary>
public sealed record StepUpResult(string Outcome, AssuranceLevel Level, int? AttemptsRemaining = null);
