namespace Connectors.Core.Auth.Passcodes;

/// <summary>A rendered message: <see cref="Subject"/> only for email. Carries the code, so it is never logged or stored.</summary>
public sealed record PasscodeMessage(string Culture, string? Subject, string Text);
