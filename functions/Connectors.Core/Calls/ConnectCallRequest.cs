namespace Connectors.Core.Calls;

/// <summary>
/// The body of <c>POST /api/calls/{callId}/connect</c>. <see cref="Platform"/> is <c>amazon-connect</c>,
/// <c>twilio</c> or <c>webhook</c>. <see cref="CallerNumber"/> may be empty or a withheld marker
/// (<c>anonymous</c>, <c>restricted</c>...); <see cref="IvrDigits"/> is an account number keyed in the IVR.
/// </summary>
public sealed record ConnectCallRequest(
    string? Platform,
    string? CallerNumber = null,
    string? DialledNumber = null,
    string? IvrDigits = null,
    bool DryRun = false);
