using Connectors.Core.Calls;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Http;

/// <summary>The call session's endpoints (Core's <see cref="CallEndpoints"/>), one trigger each, named as LocalHost names them.</summary>
public sealed class CallTriggers(
    CallSessionOpener opener,
    ICallSessionStore sessions,
    Connectors.Core.Auth.StepUpKeyring keyring,
    AccountReader reader,
    AccountSelector selector,
    AccountFetchScheduler scheduler)
{
    [Function(nameof(ConnectCall))]
    public Task<IResult> ConnectCall(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = CallRoutes.Connect)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        CallEndpoints.ConnectAsync(callId, request.HttpContext, opener, cancellationToken);

    [Function(nameof(GetCall))]
    public Task<IResult> GetCall(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = CallRoutes.Summary)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        CallEndpoints.GetSummaryAsync(callId, sessions, keyring, cancellationToken);

    // (string?) on the query value is how minimal APIs bind ?action= for LocalHost: absent is null, repeats are comma-joined.
    [Function(nameof(ReadAccount))]
    public Task<IResult> ReadAccount(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = CallRoutes.Account)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        CallEndpoints.ReadAccountAsync(callId, (string?)request.Query["action"], request, reader, cancellationToken);

    [Function(nameof(SelectAccount))]
    public Task<IResult> SelectAccount(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = CallRoutes.AccountSelect)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        CallEndpoints.SelectAccountAsync(callId, request, selector, cancellationToken);

    [Function(nameof(InvalidateAccount))]
    public Task<IResult> InvalidateAccount(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = CallRoutes.AccountInvalidate)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        CallEndpoints.InvalidateAccountAsync(callId, request, scheduler, cancellationToken);
}
