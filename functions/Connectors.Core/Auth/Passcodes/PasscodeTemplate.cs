namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// The plain-text message of one culture. Placeholders: <c>{code}</c> (required), <c>{minutes}</c>,
/// <c>{sender}</c>. The SMS and the email body are the only places a code is ever written.
/// </summary>
public sealed class PasscodeTemplate
{
    public string SmsText { get; set; } = string.Empty;

    public string EmailSubject { get; set; } = string.Empty;

    public string EmailText { get; set; } = string.Empty;
}
