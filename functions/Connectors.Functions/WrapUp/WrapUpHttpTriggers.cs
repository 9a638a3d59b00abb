using Connectors.Core.Calls;
using Connectors.Core.WrapUp;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Connectors.Functions.WrapUp;

/// <summary>The wrap-up's endpoints (Core's <see cref="WrapUpEndpoints"/>), one trigger each, with the Durable Functions client.</summary>
public sealed class WrapUpHttpTriggers(CallEnder ender, DispositionDrafter drafter, ParkedWrapUpStore parked, WrapUpDispositionStore dispositions, WrapUpStarter starter, WrapUpMetrics metrics, Connectors.Core.Events.CallEventEmitter events)
{
    [Function(nameof(EndCall))]
    public Task<IResult> EndCall(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = WrapUpRoutes.End)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string callId,
        CancellationToken cancellationToken) =>
        WrapUpEndpoints.EndAsync(callId, request, ender, dispositions, client, cancellationToken);

    [Function(nameof(GetWrapUp))]
    public Task<IResult> GetWrapUp(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = WrapUpRoutes.Status)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string callId,
        CancellationToken cancellationToken) =>
        WrapUpEndpoints.GetAsync(callId, dispositions, client, cancellationToken);

    [Function(nameof(ConfirmDisposition))]
    public Task<IResult> ConfirmDisposition(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = WrapUpRoutes.Disposition)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string callId,
        CancellationToken cancellationToken) =>
        WrapUpEndpoints.DispositionAsync(callId, request, drafter, dispositions, starter, client, cancellationToken);

    [Function(nameof(ListParkedWrapUps))]
    public Task<IResult> ListParkedWrapUps(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = WrapUpRoutes.Parked)] HttpRequest request,
        CancellationToken cancellationToken) =>
        WrapUpEndpoints.ListParkedAsync(parked, cancellationToken);

    [Function(nameof(ReplayWrapUp))]
    public Task<IResult> ReplayWrapUp(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = WrapUpRoutes.Replay)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string callId,
        CancellationToken cancellationToken) =>
        WrapUpEndpoints.ReplayAsync(callId, parked, dispositions, starter, metrics, client, events, cancellationToken);
}
