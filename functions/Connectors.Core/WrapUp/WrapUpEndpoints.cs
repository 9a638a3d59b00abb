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
    public static async Task<IResult> EndAsync(string callId, HttpRequest request, CallEnder ender, WrapUpDispositionStore dispositions, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ender);
        CallId.Validate(callId);
        var body = request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding")
            ? new EndCallRequest(null)
            : await RequestBody.ReadJsonAsync<EndCallRequest>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        var started = (await ender.EndAsync(client, callId, reason: null, body.HumanTookCall ?? false, cancellationToken)).WrapUpStarted;
        var status = await StatusAsync(client, dispositions, callId, cancellationToken);
        return Json(new EndCallResponse(started, status), StatusCodes.Status202Accepted);
    }

    /// <summary><c>GET /api/calls/{callId}/wrapup</c>: state, steps done, the draft, the CRM record id, whether it waits for a human.</summary>
    public static async Task<IResult> GetAsync(string callId, WrapUpDispositionStore dispositions, DurableTaskClient client, CancellationToken cancellationToken)
    {
        CallId.Validate(callId);
        return Json(await StatusAsync(client, dispositions, callId, cancellationToken) ?? throw NotFound(callId), StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>POST /api/calls/{callId}/disposition</c> with <c>{"outcomeCode": "...", "summary": "..."}</c>: the human's
    /// confirmation or edit, stored before anything else, so it is never dropped. 202 says what happens to it:
    /// <c>"applies": "wrap-up"</c> (the running wrap-up writes it) or <c>"amends-record"</c> (the call was recorded
    /// already, unconfirmed; the same record is updated under the same key and marked late).
    /// </summary>
    public static async Task<IResult> DispositionAsync(string callId, HttpRequest request, DispositionDrafter drafter, WrapUpDispositionStore dispositions, WrapUpStarter starter, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafter);
        ArgumentNullException.ThrowIfNull(dispositions);
        ArgumentNullException.ThrowIfNull(starter);
        ArgumentNullException.ThrowIfNull(client);
        CallId.Validate(callId);
        var body = await RequestBody.ReadJsonAsync<HumanDisposition>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        if (drafter.Problem(body) is { } problem)
        {
            throw new ProblemException(400, "invalid-disposition", "Invalid disposition", problem);
        }

        var status = await StatusAsync(client, dispositions, callId, cancellationToken) ?? throw NotFound(callId);
        if (status.State == WrapUpResult.NoSession)
        {
            throw new ProblemException(409, "nothing-to-record", "Nothing to record",
                $"The call '{callId}' had no session when its wrap-up ran, so there is no record for a disposition.");
        }

        var row = await dispositions.AnswerAsync(callId, body, cancellationToken) ?? throw NotFound(callId);
        if (!row.Recorded)
        {
            // Wakes the wrap-up if it is still waiting; if it is past the wait, it writes the stored answer before it closes.
            await client.RaiseEventAsync(WrapUpInstance.IdFor(callId), WrapUpOrchestrator.DispositionEvent, true, cancellationToken);
            return Json(new DispositionAccepted(DispositionAccepted.AppliesToWrapUp, await StatusAsync(client, dispositions, callId, cancellationToken)), StatusCodes.Status202Accepted);
        }

        await starter.ResumeAsync(client, callId, cancellationToken);
        return Json(new DispositionAccepted(DispositionAccepted.AmendsRecord, await StatusAsync(client, dispositions, callId, cancellationToken)), StatusCodes.Status202Accepted);
    }

    /// <summary><c>GET /api/wrapups/parked</c>: every parked wrap-up with its step, reason and last error.</summary>
    public static async Task<IResult> ListParkedAsync(ParkedWrapUpStore parked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parked);
        return Json(new ParkedWrapUpsResponse(await parked.ListAsync(cancellationToken)), StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>POST /api/wrapups/{callId}/replay</c>: resumes a wrap-up that is not recorded from the step it stopped at: a
    /// parked one (of two replays at once, the one that takes it off the parked list resumes it; the other gets 409),
    /// or a failed or terminated one (started again under the same instance id). 409 when it is recorded or running.
    /// </summary>
    public static async Task<IResult> ReplayAsync(string callId, ParkedWrapUpStore parked, WrapUpDispositionStore dispositions, WrapUpStarter starter, WrapUpMetrics metrics, DurableTaskClient client, Events.CallEventEmitter events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parked);
        ArgumentNullException.ThrowIfNull(starter);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(client);
        CallId.Validate(callId);
        var instanceId = WrapUpInstance.IdFor(callId);
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) ?? throw NotFound(callId);
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            await parked.ReleaseAsync(callId, cancellationToken);
            throw new ProblemException(409, "not-parked", "Not parked", $"The wrap-up of '{callId}' is {WrapUpStatus.Of(callId, metadata, null).State}; there is nothing to replay.");
        }

        // Taking the call off the parked list is the claim: of two replays at once, one deletes the row.
        var row = await parked.GetAsync(callId, cancellationToken);
        var listed = row is not null;
        var claimed = listed && await parked.ReleaseAsync(callId, cancellationToken);
        bool resumed;
        if (metadata.IsRunning)
        {
            if (claimed)
            {
                await client.RaiseEventAsync(instanceId, WrapUpOrchestrator.ReplayEvent, true, cancellationToken);
            }

            resumed = claimed;
        }
        else
        {
            // A finished run that was never listed (its parking failed) has no row to claim; the start's dedupe is its guard.
            resumed = (claimed || !listed) && await starter.ResumeAsync(client, callId, cancellationToken);
        }

        if (!resumed)
        {
            throw new ProblemException(409, "not-parked", "Not parked", $"The wrap-up of '{callId}' is not parked (or another replay just resumed it); GET /api/wrapups/parked lists those that are.");
        }

        metrics.Replayed();
        // The event's occurrence is the park it ends (a run whose parking failed: its last update), so a repeat emits it once.
        var occurrence = (row?.ParkedAt ?? metadata.LastUpdatedAt).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await events.EmitAsync(Events.CallEventTypes.WrapUpReplayed, callId, occurrence, new Dictionary<string, string> { ["step"] = row?.Step ?? "unknown" }, cancellationToken);
        return Json(await StatusAsync(client, dispositions, callId, cancellationToken) ?? throw NotFound(callId), StatusCodes.Status202Accepted);
    }

    public static async Task<WrapUpStatus?> StatusAsync(DurableTaskClient client, WrapUpDispositionStore dispositions, string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = await client.GetInstanceAsync(WrapUpInstance.IdFor(callId), getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : WrapUpStatus.Of(callId, metadata, await dispositions.GetAsync(callId, cancellationToken));
    }

    private static IResult Json(object value, int status) => TypedResults.Json(value, ConnectorsJson.Options, statusCode: status);

    private static ProblemException NotFound(string callId) =>
        new(404, "wrapup-not-found", "Wrap-up not found", $"No wrap-up has started for '{callId}'; POST /api/calls/{callId}/end starts it.");
}

/// <summary>The body of <c>POST /api/calls/{callId}/end</c>: whether a human took the call (and so confirms the draft).</summary>
public sealed record EndCallRequest(bool? HumanTookCall);

/// <summary>The answer of <c>POST /api/calls/{callId}/end</c>: whether this request started the wrap-up, and its status.</summary>
public sealed record EndCallResponse(bool Started, WrapUpStatus? WrapUp);

/// <summary>The answer of <c>POST /api/calls/{callId}/disposition</c>: what happens to the answer, and the wrap-up's status.</summary>
public sealed record DispositionAccepted(string Applies, WrapUpStatus? WrapUp)
{
    /// <summary>The running wrap-up writes it (in time, or as a late update before it closes).</summary>
    public const string AppliesToWrapUp = "wrap-up";

    /// <summary>The call was recorded already; the same record is updated under the same key and marked late.</summary>
    public const string AmendsRecord = "amends-record";
}

/// <summary>The answer of <c>GET /api/wrapups/parked</c>.</summary>
public sealed record ParkedWrapUpsResponse(IReadOnlyList<ParkedWrapUp> Parked);
