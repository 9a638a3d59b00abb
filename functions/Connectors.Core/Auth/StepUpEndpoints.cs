using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Auth;

/// <summary>The step-up gate's methods, under <c>/api/calls/{callId}/auth</c>.</summary>
public static class StepUpEndpoints
{
    public static IEndpointRouteBuilder MapStepUpEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(StepUpRoutes.PostKnowledgeCheck, KnowledgeCheckEndpoint.HandleAsync);
        endpoints.Map(StepUpRoutes.PostPasscodeSend, PasscodeEndpoints.SendAsync);
        endpoints.Map(StepUpRoutes.PostPasscodeVerify, PasscodeEndpoints.VerifyAsync);
        endpoints.Map(StepUpRoutes.PostBiometricVerdict, BiometricVerdictEndpoint.HandleAsync);
        return endpoints;
    }
}
