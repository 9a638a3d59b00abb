namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// A send that may reach the caller. <see cref="Delivery"/> is <c>sent</c> (the provider took it) or
/// <c>unknown</c> (no answer: the code may still arrive; ask the caller before asking for another, which
/// waits out the cool-down and replaces this code).
/// </summary>
public sealed record PasscodeSendResponse(
    PasscodeChannel Channel,
    string MaskedDestination,
    string Delivery,
    int SendNumber,
    DateTimeOffset ExpiresAt,
    DateTimeOffset ResendAvailableAt);
