using Connectors.Core.Calls;
using Connectors.Core.Crm.DryRun;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Http;

/// <summary>PUT api/calls/{callId}/dry-run/faults: write faults for a dry-run call's scenario (Core's <see cref="DryRunFaultEndpoint"/>).</summary>
public sealed class DryRunFaultTrigger(ICallSessionStore sessions, DryRunFaultStore faults)
{
    [Function(nameof(SetDryRunFaults))]
    public Task<IResult> SetDryRunFaults(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = DryRunRoutes.Faults)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        DryRunFaultEndpoint.HandleAsync(callId, request, sessions, faults, cancellationToken);
}
