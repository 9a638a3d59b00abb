using Connectors.Core.Calls;
using Connectors.Core.Crm.DryRun;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Http;

/// <summary>GET api/calls/{callId}/dry-run/ledger: what a dry-run call would have written (Core's <see cref="DryRunLedgerEndpoint"/>).</summary>
public sealed class DryRunLedgerTrigger(IWriteLedger ledger, ICallSessionStore sessions)
{
    [Function(nameof(GetDryRunLedger))]
    public Task<IResult> GetDryRunLedger(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = DryRunRoutes.Ledger)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        DryRunLedgerEndpoint.HandleAsync(callId, ledger, sessions, cancellationToken);
}
