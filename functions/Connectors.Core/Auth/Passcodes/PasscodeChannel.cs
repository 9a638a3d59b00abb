namespace Connectors.Core.Auth.Passcodes;

/// <summary>Where a one-time code goes: always the channel ON FILE for the selected account.</summary>
public enum PasscodeChannel
{
    Sms,
    Email,
}
