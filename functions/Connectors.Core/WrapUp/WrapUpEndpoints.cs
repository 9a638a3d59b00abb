using Connectors.Core.Calls;
using Connectors.Core.Http;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace Connectors.Core.WrapUp;

/// <summary>
/// The wrap-up's HTTP surface: end a call (start its wrap-up), see it, confirm or edit the draft, list the
/// parked ones and replay one. Each handler takes the host's <see cref="DurableTaskClient"/>.
/// </summary>
public static class WrapUpEndpoints
{
    public static IEndpointRouteBuilder MapWrapUpEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(WrapUpRoutes.EndCall, EndAsync);
        endpoints.Map(WrapUpRoutes.GetWrapUp, GetAsync);
        endpoints.Map(WrapUpRoutes.ConfirmDisposition, DispositionAsync);
        endpoints.Map(WrapUpRoutes.ListParkedWrapUps, ListParkedAsync);
        endpoints.Map(WrapUpRoutes.ReplayWrapUp, ReplayAsync);
        return endpoints;
    }

    /// <summary>
    /// <c>POST /api/calls/{callId}/end</c>, body optional: <c>{"humanTookCall": true}</c>. 202 with the wrap-up's
    /// status; a repeat starts nothing and answers the running wrap-up's status.
    /// </summary>
    public static async Task<IResult> EndAsync(string callId, HttpRequest request, CallEnder ender, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ender);
        CallId.Validate(callId);
        var body = request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding")
            ? new EndCallRequest(null)
            : await RequestBody.ReadJsonAsync<EndCallRequest>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        var started = (await ender.EndAsync(client, callId, reason: null, body.HumanTookCall ?? false, cancellationToken)).WrapUpStarted;
        var status = await StatusAsync(client, callId, cancellationToken);
        return Json(new EndCallResponse(started, status), StatusCodes.Status202Accepted);
    }

    /// <summary><c>GET /api/calls/{callId}/wrapup</c>: state, steps done, the draft, the CRM record id, whether it waits for a human.</summary>
    public static async Task<IResult> GetAsync(string callId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        CallId.Validate(callId);
        return Json(await StatusAsync(client, callId, cancellationToken) ?? throw NotFound(callId), StatusCodes.Status200OK);
    }

    /// <summary><c>POST /api/calls/{callId}/disposition</c> with <c>{"outcomeCode": "...", "summary": "..."}</c>: the human's confirmation or edit.</summary>
    public static async Task<IResult> DispositionAsync(string callId, HttpRequest request, DispositionDrafter drafter, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafter);
        ArgumentNullException.ThrowIfNull(client);
        CallId.Validate(callId);
        var body = await RequestBody.ReadJsonAsync<HumanDisposition>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        if (drafter.Problem(body) is { } problem)
        {
            throw new ProblemException(400, "invalid-disposition", "Invalid disposition", problem);
        }

        var status = await StatusAsync(client, callId, cancellationToken) ?? throw NotFound(callId);
        if (status.State != "waiting-for-human")
        {
            throw new ProblemException(409, "not-waiting-for-confirmation", "Not waiting for a confirmation",
                $"The wrap-up of '{callId}' is {status.State}; a disposition is taken only while it waits for a human.");
        }

        await client.RaiseEventAsync(WrapUpInstance.IdFor(callId), WrapUpOrchestrator.DispositionEvent, body, cancellationToken);
        return Json(status, StatusCodes.Status202Accepted);
    }

    /// <summary><c>GET /api/wrapups/parked</c>: every parked wrap-up with its step, reason and last error.</summary>
    public static async Task<IResult> ListParkedAsync(ParkedWrapUpStore parked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parked);
        return Json(new ParkedWrapUpsResponse(await parked.ListAsync(cancellationToken)), StatusCodes.Status200OK);
    }

    /// <summary><c>POST /api/wrapups/{callId}/replay</c>: resumes a parked wrap-up from the step it stopped at.</summary>
    public static async Task<IResult> ReplayAsync(string callId, ParkedWrapUpStore parked, WrapUpMetrics metrics, DurableTaskClient client, Events.CallEventEmitter events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parked);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(client);
        CallId.Validate(callId);
        var row = await parked.GetAsync(callId, cancellationToken)
            ?? throw new ProblemException(409, "not-parked", "Not parked", $"The wrap-up of '{callId}' is not parked; GET /api/wrapups/parked lists those that are.");
        var instanceId = WrapUpInstance.IdFor(callId);
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) ?? throw NotFound(callId);
        if (metadata.IsRunning)
        {
            await client.RaiseEventAsync(instanceId, WrapUpOrchestrator.ReplayEvent, true, cancellationToken);
        }
        else if (metadata.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
            && metadata.ReadInputAs<WrapUpInput>() is { } input)
        {
            // The engine lost the instance itself; a new run repeats only keyed, idempotent steps.
            await parked.ReleaseAsync(callId, cancellationToken);
            await WrapUpStarter.ScheduleAsync(client, input, cancellationToken);
        }
        else
        {
            await parked.ReleaseAsync(callId, cancellationToken);
        }

        metrics.Replayed();
        await events.EmitAsync(Events.CallEventTypes.WrapUpReplayed, callId, row.ParkedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string> { ["step"] = row.Step }, cancellationToken);
        return Json(await StatusAsync(client, callId, cancellationToken) ?? throw NotFound(callId), StatusCodes.Status202Accepted);
    }

    public static async Task<WrapUpStatus?> StatusAsync(DurableTaskClient client, string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.GetInstanceAsync(WrapUpInstance.IdFor(callId), getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : WrapUpStatus.Of(callId, metadata);
    }

    private static IResult Json(object value, int status) => TypedResults.Json(value, ConnectorsJson.Options, statusCode: status);

    private static ProblemException NotFound(string callId) =>
        new(404, "wrapup-not-found", "Wrap-up not found", $"No wrap-up has started for '{callId}'; POST /api/calls/{callId}/end starts it.");
}

/// <summary>The body of <c>POST /api/calls/{callId}/end</c>: whether a human took the call (and so confirms the draft).</summary>
public sealed record EndCallRequest(bool? HumanTookCall);

/// <summary>The answer of <c>POST /api/calls/{callId}/end</c>: whether this request started the wrap-up, and its status.</summary>
public sealed record EndCallResponse(bool Started, WrapUpStatus? WrapUp);

/// <summary>The answer of <c>GET /api/wrapups/parked</c>.</summary>
public sealed record ParkedWrapUpsResponse(IReadOnlyList<ParkedWrapUp> Parked);
