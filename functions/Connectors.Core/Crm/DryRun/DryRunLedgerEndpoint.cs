using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Crm.DryRun;

/// <summary><c>GET /api/calls/{callId}/dry-run/ledger</c>: what a dry-run call would have written, in order.</summary>
public static class DryRunLedgerEndpoint
{
    public static IEndpointRouteBuilder MapDryRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(DryRunRoutes.GetDryRunLedger, HandleAsync);
        return endpoints;
    }

    public static async Task<IResult> HandleAsync(string callId, IWriteLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var entries = await ledger.ForCallAsync(CallId.Validate(callId), cancellationToken);
        return TypedResults.Ok(new DryRunLedgerResponse(callId, entries));
    }
}

/// <summary>The ledger of one call.</summary>
public sealed record DryRunLedgerResponse(string CallId, IReadOnlyList<WriteLedgerEntry> Entries);
