using Connectors.Core.Calls;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Replay;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connectors.Functions.Http;

/// <summary>GET api/calls/{callId}/export: the call's redacted requests and its writes, for replay (Core's <see cref="CallExportEndpoint"/>).</summary>
public sealed class CallExportTrigger(ICallSessionStore sessions, CallRequestJournal journal, IWriteLedger ledger)
{
    [Function(nameof(ExportCall))]
    public Task<IResult> ExportCall(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ReplayRoutes.Export)] HttpRequest request,
        string callId,
        CancellationToken cancellationToken) =>
        CallExportEndpoint.HandleAsync(callId, sessions, journal, ledger, cancellationToken);
}
