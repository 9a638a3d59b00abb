using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Crm.DryRun;

/// <summary>
/// <c>GET /api/calls/{callId}/dry-run/ledger</c>: what a dry-run call would have written, in order. 404 when the call
/// never connected or is not a dry run: an empty list would claim "nothing would have been written" about a call with no ledger.
/// </summary>
public static class DryRunLedgerEndpoint
{
    public static IEndpointRouteBuilder MapDryRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(DryRunRoutes.GetDryRunLedger, HandleAsync);
        return endpoints;
    }

    public static async Task<IResult> HandleAsync(string callId, IWriteLedger ledger, ICallSessionStore sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(sessions);
        var session = await sessions.GetAsync(CallId.Validate(callId), cancellationToken)
            ?? throw new ProblemException(404, "call-not-found", "Call not found", $"No call '{callId}' has connected.");
        if (!session.DryRun)
        {
            throw new ProblemException(404, "not-a-dry-run", "Not a dry run",
                $"Call '{callId}' was connected without \"dryRun\": true, so its writes went to the CRM and it has no ledger.");
        }

        var entries = await ledger.ForCallAsync(callId, cancellationToken);
        return TypedResults.Ok(new DryRunLedgerResponse(callId, entries));
    }
}

/// <summary>The ledger of one call.</summary>
public sealed record DryRunLedgerResponse(string CallId, IReadOnlyList<WriteLedgerEntry> Entries);
