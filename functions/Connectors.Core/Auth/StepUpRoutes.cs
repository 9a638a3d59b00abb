using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Auth;

/// <summary>
/// The step-up methods' routes (<see cref="StepUpEndpoints"/>). The biometric verdict is signed by the vendor but
/// relayed by our own flow, not posted by a platform, so it keeps the function key like the rest.
/// </summary>
public static class StepUpRoutes
{
    public const string Knowledge = "calls/{callId}/auth/knowledge";
    public const string Passcode = "calls/{callId}/auth/otp";
    public const string PasscodeVerify = "calls/{callId}/auth/otp/verify";
    public const string Biometric = "calls/{callId}/auth/biometric";

    public static EndpointRoute PostKnowledgeCheck { get; } = new("PostKnowledgeCheck", HttpMethods.Post, Knowledge, EndpointAccess.Function);
    public static EndpointRoute PostPasscodeSend { get; } = new("PostPasscodeSend", HttpMethods.Post, Passcode, EndpointAccess.Function);
    public static EndpointRoute PostPasscodeVerify { get; } = new("PostPasscodeVerify", HttpMethods.Post, PasscodeVerify, EndpointAccess.Function);
    public static EndpointRoute PostBiometricVerdict { get; } = new("PostBiometricVerdict", HttpMethods.Post, Biometric, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [PostKnowledgeCheck, PostPasscodeSend, PostPasscodeVerify, PostBiometricVerdict];
}
