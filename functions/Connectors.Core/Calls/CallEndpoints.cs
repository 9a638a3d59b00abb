using Connectors.Core.Auth;
using Connectors.Core.Http;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Calls;

/// <summary>
/// The call session's HTTP surface: connect (prefetch on connect), the session summary, the gated
/// account read, account selection for an ambiguous caller, and invalidation after a write.
/// Every answer is small JSON in <see cref="ConnectorsJson"/>'s shape.
/// </summary>
public static class CallEndpoints
{
    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(CallRoutes.ConnectCall, ConnectAsync);
        endpoints.Map(CallRoutes.GetCall, GetSummaryAsync);
        endpoints.Map(CallRoutes.ReadAccount, ReadAccountAsync);
        endpoints.Map(CallRoutes.SelectAccount, SelectAccountAsync);
        endpoints.Map(CallRoutes.InvalidateAccount, InvalidateAccountAsync);
        return endpoints;
    }

    /// <summary><c>POST /api/calls/{callId}/connect</c>: 202 with the session summary, at once; a repeat returns the same session.</summary>
    public static async Task<IResult> ConnectAsync(string callId, HttpContext context, CallSessionOpener opener, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(opener);
        CallId.Validate(callId);
        var request = await RequestBody.ReadJsonAsync<ConnectCallRequest>(context.Request, RequestBody.DefaultMaxBytes, cancellationToken);
        var (session, _) = await opener.OpenAsync(callId, request, cancellationToken);
        context.Response.Headers.Location = $"{RouteTable.Prefix}/calls/{Uri.EscapeDataString(session.CallId)}";
        return Json(CallSummary.Of(session), StatusCodes.Status202Accepted);
    }

    /// <summary><c>GET /api/calls/{callId}</c>: the session summary, without account fields.</summary>
    public static async Task<IResult> GetSummaryAsync(string callId, ICallSessionStore sessions, StepUpKeyring keyring, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(keyring);
        var session = await sessions.GetAsync(CallId.Validate(callId), cancellationToken) ?? throw NotFound(callId);
        var summary = CallSummary.Of(session);
        if (session.SelectedAccountId is { } accountId)
        {
            summary = summary with { AccountReference = keyring.AccountReference(session.CallId, accountId) };
        }

        return Json(summary, StatusCodes.Status200OK);
    }

    /// <summary><c>GET /api/calls/{callId}/account?action=balance</c>: the gated read, within the turn budget.</summary>
    public static async Task<IResult> ReadAccountAsync(string callId, string? action, HttpRequest request, AccountReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        if (string.IsNullOrWhiteSpace(action))
        {
            throw new ProblemException(400, "missing-action", "Missing action", "Say what the read is for: ?action=balance (or another action of the policy).");
        }

        var result = await reader.ReadAsync(callId, action.Trim(), cancellationToken);
        // A denial is the gate working, not a failure: answered here as the problem it is, not thrown and logged.
        return result.Status == AccountReadStatus.Denied
            ? ProblemResults.ToResult(AccountReadResponse.ToProblem(result), request.Path)
            : Json(AccountReadResponse.ToBody(result), StatusCodes.Status200OK);
    }

    /// <summary><c>POST /api/calls/{callId}/account/select</c> with <c>{"accountNumber": "..."}</c>.</summary>
    public static async Task<IResult> SelectAccountAsync(string callId, HttpRequest request, AccountSelector selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        CallId.Validate(callId);
        var body = await RequestBody.ReadJsonAsync<SelectAccountRequest>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        var result = await selector.SelectAsync(callId, body.AccountNumber, cancellationToken);
        var answer = new Dictionary<string, object?>(StringComparer.Ordinal) { ["status"] = SelectStatusCode(result.Status) };
        var next = result.Status switch
        {
            AccountSelectStatus.Ambiguous or AccountSelectStatus.NotFound => AccountReadResponse.AskAccountNumber,
            AccountSelectStatus.Pending => AccountReadResponse.Retry,
            AccountSelectStatus.Degrade => AccountReadResponse.OfferWarmTransfer,
            _ => null,
        };
        if (next is not null)
        {
            answer["action"] = next;
        }

        if (result.Reason is not null)
        {
            answer["reason"] = result.Reason;
        }

        return Json(answer, StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>POST /api/calls/{callId}/account/invalidate</c> with <c>{"reason": "payment-logged"}</c>: a write
    /// changed the account, so its snapshot is never served again and is fetched anew.
    /// </summary>
    public static async Task<IResult> InvalidateAccountAsync(string callId, HttpRequest request, AccountFetchScheduler scheduler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        CallId.Validate(callId);
        var body = await RequestBody.ReadJsonAsync<InvalidateAccountRequest>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        var reason = body.Reason?.Trim();
        if (!InputIdentifiers.IsCode(reason))
        {
            throw new ProblemException(400, "invalid-reason", "Invalid reason", "'reason' is a short code of 1 to 48 lower-case letters, digits and dashes, e.g. payment-logged.");
        }

        var session = await scheduler.UpdateAsync(callId, (s, now) => AccountFetchTransitions.Invalidate(s, reason, now), cancellationToken)
            ?? throw NotFound(callId);
        var refreshing = session.Fetch is { Status: AccountFetchStatus.Pending };
        return Json(new Dictionary<string, object?> { ["status"] = refreshing ? "refreshing" : "nothing-cached" }, StatusCodes.Status202Accepted);
    }

    private static IResult Json(object value, int status) => TypedResults.Json(value, ConnectorsJson.Options, statusCode: status);

    private static ProblemException NotFound(string callId) =>
        new(404, "call-not-found", "Call not found", $"No call '{callId}' has connected; POST /api/calls/{callId}/connect first.");

    private static string SelectStatusCode(AccountSelectStatus status) => status switch
    {
        AccountSelectStatus.NotFound => "not-found",
        _ => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString()),
    };
}

/// <summary>The body of <c>POST /api/calls/{callId}/account/select</c>: the account number the caller gave.</summary>
public sealed record SelectAccountRequest(string? AccountNumber);

/// <summary>The body of <c>POST /api/calls/{callId}/account/invalidate</c>: why the account changed, as a code.</summary>
public sealed record InvalidateAccountRequest(string? Reason);
