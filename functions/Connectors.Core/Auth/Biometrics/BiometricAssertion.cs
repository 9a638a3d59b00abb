namespace Connectors.Core.Auth.Biometrics;

/// <summary>
/// A vendor's verdict, as signed. It must name the call and the account it is about: a verdict is only
/// ever applied to that call's selected account. <see cref="Decision"/> is <c>match</c>, <c>no-match</c>
/// or <c>inconclusive</c>; <see cref="Score"/> is in 0..1.
/// </summary>
public sealed record BiometricAssertion(string? AssertionId, string? CallId, string? AccountId, string? Decision, double? Score);
