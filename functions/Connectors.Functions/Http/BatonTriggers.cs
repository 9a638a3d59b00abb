using Connectors.Core.Baton;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Http;

/// <summary>
/// The baton's endpoints (Core's <see cref="BatonEndpoints"/>), one trigger each, named as LocalHost names them. The agent
/// link's routes (view, page, feedback) are anonymous at the host: the link's token is the capability. Entra ID sign-in
/// (App Service authentication, bicep/modules/agentauth.bicep) can still stand in front of them.
/// </summary>
public sealed class BatonTriggers(
    BatonWriter writer,
    BatonTransferService transfers,
    BatonAnswerService answers,
    BatonViewReader views,
    BatonFeedbackRecorder feedback)
{
    [Function(nameof(AppendBaton))]
    public Task<IResult> AppendBaton(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = BatonRoutes.Baton)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        BatonEndpoints.AppendAsync(callId, request, writer, cancellationToken);

    [Function(nameof(TransferCall))]
    public Task<IResult> TransferCall(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = BatonRoutes.Transfer)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        BatonEndpoints.TransferAsync(callId, request, transfers, cancellationToken);

    [Function(nameof(AnswerTransfer))]
    public Task<IResult> AnswerTransfer(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = BatonRoutes.Answered)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        BatonEndpoints.AnsweredAsync(callId, request, answers, cancellationToken);

    [Function(nameof(GetBatonView))]
    public Task<IResult> GetBatonView(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = BatonRoutes.View)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        BatonEndpoints.GetViewAsync(token, request.HttpContext, views, cancellationToken);

    [Function(nameof(GetBatonPage))]
    public Task<IResult> GetBatonPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = BatonRoutes.Page)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        BatonEndpoints.GetPageAsync(token, request.HttpContext, views, cancellationToken);

    [Function(nameof(PostBatonFeedback))]
    public Task<IResult> PostBatonFeedback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = BatonRoutes.Feedback)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        BatonEndpoints.PostFeedbackAsync(token, request.HttpContext, feedback, cancellationToken);
}
