using Connectors.Core.Auth;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Auth.Knowledge;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Retries;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Http;

/// <summary>The step-up methods (Core's <see cref="StepUpEndpoints"/>), one trigger each, named as LocalHost names them.</summary>
public sealed class StepUpTriggers(
    KnowledgeCheckService knowledge,
    PasscodeSendService passcodeSend,
    PasscodeVerifyService passcodeVerify,
    RequestReplayStores replays,
    FirstAnswerReplayer replayer,
    BiometricVerdictService biometrics)
{
    [Function(nameof(PostKnowledgeCheck))]
    public Task<IResult> PostKnowledgeCheck(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = StepUpRoutes.Knowledge)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        KnowledgeCheckEndpoint.HandleAsync(callId, request, knowledge, replays, replayer, cancellationToken);

    [Function(nameof(PostPasscodeSend))]
    public Task<IResult> PostPasscodeSend(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = StepUpRoutes.Passcode)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        PasscodeEndpoints.SendAsync(callId, request, passcodeSend, replays, replayer, cancellationToken);

    [Function(nameof(PostPasscodeVerify))]
    public Task<IResult> PostPasscodeVerify(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = StepUpRoutes.PasscodeVerify)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        PasscodeEndpoints.VerifyAsync(callId, request, passcodeVerify, replays, replayer, cancellationToken);

    [Function(nameof(PostBiometricVerdict))]
    public Task<IResult> PostBiometricVerdict(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = StepUpRoutes.Biometric)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        BiometricVerdictEndpoint.HandleAsync(callId, request, biometrics, cancellationToken);
}
