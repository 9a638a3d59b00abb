using Connectors.Core.Signals;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Connectors.Functions.Signals;

/// <summary>The contract signals' endpoints (Core's <see cref="SignalsEndpoints"/>), one trigger each, with the Durable Functions client for the wrap-ups' status.</summary>
public sealed class SignalsTriggers(SignalFactsReader reader, IOptionsMonitor<SignalOptions> options, TimeProvider time)
{
    [Function(nameof(GetSignals))]
    public Task<IResult> GetSignals(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = SignalsRoutes.Signals)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        SignalsEndpoints.GetAsync(request, reader, client, options, time, cancellationToken);

    [Function(nameof(GetSignalsView))]
    public Task<IResult> GetSignalsView(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = SignalsRoutes.View)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        SignalsEndpoints.ViewAsync(request, reader, client, options, time, cancellationToken);
}
