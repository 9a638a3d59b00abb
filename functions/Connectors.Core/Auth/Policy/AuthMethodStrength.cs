namespace Connectors.Core.Auth.Policy;

/// <summary>The highest assurance level each method can prove: what a policy may ask of it.</summary>
public static class AuthMethodStrength
{
    public static AssuranceLevel Of(AuthMethod method) => method switch
    {
        AuthMethod.KnowledgeCheck => AssuranceLevel.Knowledge,
        AuthMethod.SmsPasscode or AuthMethod.EmailPasscode => AssuranceLevel.Possession,
        AuthMethod.VoiceBiometric => AssuranceLevel.Biometric,
        _ => AssuranceLevel.None,
    };
}
