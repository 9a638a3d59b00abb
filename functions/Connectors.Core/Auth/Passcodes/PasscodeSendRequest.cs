namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// Ask for a code on <see cref="Channel"/>, in <see cref="Culture"/> (e.g. <c>es</c>). There is deliberately
/// no destination: a code only ever goes to the channel on file, and any destination in the body is ignored.
/// </summary>
public sealed record PasscodeSendRequest(PasscodeChannel? Channel, string? Culture = null);
