namespace Connectors.Core.Retries;

/// <summary>
/// A first answer as a retry gets it back: the value's JSON, or the problem it raised (<see cref="IsProblem"/>). Held only
/// after <see cref="ReplayAnswerScreen"/> passed it: no code, knowledge answer, token or card number.
/// </summary>
public sealed record StoredAnswer(bool IsProblem, byte[] Json);
