using Connectors.Core.Http;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Baton;

/// <summary>
/// The baton's HTTP surface: append (<c>PUT /api/calls/{callId}/baton</c>), transfer, answered, and the agent view as
/// JSON (<c>GET /api/batons/{token}</c>) and as a page (<c>GET /api/batons/{token}/view</c>). Agent answers are never
/// cached nor referred, and a wrong or expired token gets the same 404.
/// </summary>
public static class BatonEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxAppendBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapBatonEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(BatonRoutes.AppendBaton, AppendAsync);
        endpoints.Map(BatonRoutes.TransferCall, TransferAsync);
        endpoints.Map(BatonRoutes.AnswerTransfer, AnsweredAsync);
        endpoints.Map(BatonRoutes.GetBatonView, GetViewAsync);
        endpoints.Map(BatonRoutes.GetBatonPage, GetPageAsync);
        endpoints.Map(BatonRoutes.PostBatonFeedback, PostFeedbackAsync);
        return endpoints;
    }

    /// <summary><c>PUT /api/calls/{callId}/baton</c>: 200 with the baton's size; a repeat of the same append id adds nothing.</summary>
    public static async Task<IResult> AppendAsync(string callId, HttpRequest request, BatonWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writer);
        var body = await RequestBody.ReadJsonAsync<BatonAppendRequest>(request, MaxAppendBytes, cancellationToken);
        var result = await writer.AppendAsync(callId, body, Header(request, IdempotencyHeader), cancellationToken);
        return TypedResults.Json(result, ConnectorsJson.Options);
    }

    /// <summary><c>POST /api/calls/{callId}/transfer</c>: 200 with the token, agent link and what each platform carries.</summary>
    public static async Task<IResult> TransferAsync(string callId, HttpRequest request, BatonTransferService transfers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(transfers);
        var body = await RequestBody.ReadJsonAsync<BatonTransferRequest>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        var result = await transfers.TransferAsync(callId, body, Header(request, IdempotencyHeader), cancellationToken);
        NoStore(request.HttpContext.Response);
        return TypedResults.Json(result, ConnectorsJson.Options);
    }

    /// <summary><c>POST /api/calls/{callId}/answered</c> with <c>{"agentId": "..."}</c>: pops the latest transfer on that agent's screen.</summary>
    public static async Task<IResult> AnsweredAsync(string callId, HttpRequest request, BatonAnswerService answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answers);
        var body = await RequestBody.ReadJsonAsync<BatonAnswerRequest>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        return TypedResults.Json(await answers.AnswerAsync(callId, body, cancellationToken), ConnectorsJson.Options);
    }

    /// <summary><c>GET /api/batons/{token}</c>: the sealed view as JSON.</summary>
    public static async Task<IResult> GetViewAsync(string token, HttpContext context, BatonViewReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reader);
        NoStore(context.Response);
        var view = await reader.ReadAsync(token, reader.ClientOf(context), cancellationToken);
        return view is null ? NotFound() : TypedResults.Json(view, ConnectorsJson.Options);
    }

    /// <summary><c>GET /api/batons/{token}/view</c>: the sealed view as the agent's page, framed only by the configured CRM origins.</summary>
    public static async Task<IResult> GetPageAsync(string token, HttpContext context, BatonViewReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reader);
        NoStore(context.Response);
        var view = await reader.ReadAsync(token, reader.ClientOf(context), cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<BatonOptions>>().Value;
        var feedback = await services.GetRequiredService<BatonFeedbackStore>().GetAsync(view.CallId, view.Version, cancellationToken);
        context.Response.Headers.ContentSecurityPolicy = BatonPage.ContentSecurityPolicy(options.FrameAncestors);
        var page = new BatonPageContext(BatonCrmLinks.For(view, options), feedback?.Repeated, services.GetRequiredService<TimeProvider>().GetUtcNow());
        return TypedResults.Content(BatonPage.Render(view, page), "text/html; charset=utf-8");
    }

    /// <summary>
    /// <c>POST /api/batons/{token}/feedback</c>: what the caller had to repeat, once per transfer. The page's buttons post a
    /// form and come back to the page (303); a JSON client (<c>{"repeated": "reason"}</c>) gets 200, or 409 when a report
    /// was already recorded.
    /// </summary>
    public static async Task<IResult> PostFeedbackAsync(string token, HttpContext context, BatonFeedbackRecorder recorder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(recorder);
        NoStore(context.Response);
        var request = context.Request;
        var fromPage = request.HasFormContentType;
        var repeated = fromPage
            ? (await request.ReadFormAsync(cancellationToken))["repeated"].ToString()
            : (await RequestBody.ReadJsonAsync<BatonFeedbackRequest>(request, RequestBody.DefaultMaxBytes, cancellationToken)).Repeated;
        var recorded = await recorder.RecordAsync(token, context.RequestServices.GetRequiredService<BatonViewReader>().ClientOf(context), repeated, cancellationToken);
        if (recorded is not { } result)
        {
            return NotFound();
        }

        if (fromPage)
        {
            // Back to the page (relative to .../feedback), which now shows the report as recorded.
            context.Response.Headers.Location = "view#feedback";
            return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
        }

        return result.Added
            ? TypedResults.Json(new BatonFeedbackRequest(result.Feedback.Repeated), ConnectorsJson.Options)
            : ProblemResults.ToResult(new ProblemException(409, "feedback-already-recorded", "Feedback already recorded",
                $"This transfer's report was already recorded as '{result.Feedback.Repeated}'; one report per transfer."));
    }

    /// <summary>Agent answers carry a capability: never cached, never sent on as a referrer.</summary>
    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    // One answer for malformed, unknown and expired tokens, and no echo of the token (the instance is left out).
    private static IResult NotFound() =>
        ProblemResults.ToResult(new ProblemException(404, "baton-not-found", "Baton not found", "This agent link is not valid or has expired."));

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;
}
