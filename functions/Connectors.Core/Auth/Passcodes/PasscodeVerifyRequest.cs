namespace Connectors.Core.Auth.Passcodes;

/// <summary>The code the caller read out or keyed in. Never logged or stored.</summary>
public sealed record PasscodeVerifyRequest(string? Code);
