using Connectors.Core.Baton;
using Connectors.Core.Calls;
using Connectors.Core.Crm.DryRun;
using Connectors.Core.Http;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Replay;

/// <summary>
/// <c>GET /api/calls/{callId}/export</c>: the call's requests as received, in order and already redacted, with what it
/// wrote. The caller's number stays (a replay looks the caller up again); a ledger body passes the card redactor once more on the way out.
/// </summary>
public static class CallExportEndpoint
{
    public static IEndpointRouteBuilder MapCallExportEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(ReplayRoutes.ExportCall, HandleAsync);
        return endpoints;
    }

    public static async Task<IResult> HandleAsync(string callId, ICallSessionStore sessions, CallRequestJournal journal, IWriteLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(ledger);
        var session = await sessions.GetAsync(CallId.Validate(callId), cancellationToken)
            ?? throw new ProblemException(404, "call-not-found", "Call not found", $"No call '{callId}' has connected.");
        var requests = await journal.ForCallAsync(session.CallId, cancellationToken);
        IReadOnlyList<WriteLedgerEntry> writes = session.DryRun
            ? [.. (await ledger.ForCallAsync(session.CallId, cancellationToken)).Select(w => w with { Body = w.Body is null ? null : BatonRedactor.RedactCardNumbers(w.Body) })]
            : [];
        var export = new CallExport(session.CallId, session.DryRun, session.Platform, session.CallerE164, requests, session.DryRun ? "ledger" : "not-recorded", writes);
        return TypedResults.Json(export, ConnectorsJson.Options);
    }
}
