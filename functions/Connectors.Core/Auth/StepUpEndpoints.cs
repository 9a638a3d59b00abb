using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Auth.Passcodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Auth;

/// <summary>The step-up gate's methods, under <c>/api/calls/{callId}/auth</c>.</summary>
public static class StepUpEndpoints
{
    public static IEndpointRouteBuilder MapStepUpEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/calls/{callId}/auth");
        auth.MapPost("/knowledge", KnowledgeCheckEndpoint.HandleAsync).WithName("PostKnowledgeCheck");
        auth.MapPost("/otp", PasscodeEndpoints.SendAsync).WithName("PostPasscodeSend");
        auth.MapPost("/otp/verify", PasscodeEndpoints.VerifyAsync).WithName("PostPasscodeVerify");
        auth.MapPost("/biometric", BiometricVerdictEndpoint.HandleAsync).WithName("PostBiometricVerdict");
        return endpoints;
    }
}
