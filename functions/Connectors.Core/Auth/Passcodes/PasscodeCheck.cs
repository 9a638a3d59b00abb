namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// The decision on one entered code: the outcome code, the challenge as it must be stored after it (null when
/// nothing changes), and the tries left on the code.
/// </summary>
public sealed record PasscodeCheck(string Outcome, PasscodeChallenge? Next, int TriesRemaining);
