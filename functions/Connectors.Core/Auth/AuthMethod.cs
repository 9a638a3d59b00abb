namespace Connectors.Core.Auth;

/// <summary>The ways a caller can prove who they are, each sized to what it can prove.</summary>
public enum AuthMethod
{
    /// <summary>Something the caller knows that the account holds (last four of the card, billing ZIP).</summary>
    KnowledgeCheck,
    /// <summary>A one-time passcode sent to the mobile number on file.</summary>
    SmsPasscode,
    /// <summary>A one-time passcode sent to the email address on file.</summary>
    EmailPasscode,
    /// <summary>A voice-biometrics vendor's signed match verdict.</summary>
    VoiceBiometric,
}
