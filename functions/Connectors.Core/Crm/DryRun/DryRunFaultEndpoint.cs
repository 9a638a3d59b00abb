using System.Text.Json;
using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Crm.DryRun;

/// <summary>
/// <c>PUT /api/calls/{callId}/dry-run/faults</c> with <c>{"kind": "timeout-after-commit", "times": 1}</c>: the call's next
/// <c>times</c> writes fail (0 clears) as the CRM would fail them (<see cref="DryRunFaultKind"/>), so a scenario proves a retried write is written
/// once. A dry run's writes never reach the CRM, so this is the only way its writes can fail; a live call is refused.
/// </summary>
public static class DryRunFaultEndpoint
{
    public static IEndpointRouteBuilder MapDryRunFaultEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(DryRunRoutes.SetDryRunFaults, HandleAsync);
        return endpoints;
    }

    public static async Task<IResult> HandleAsync(string callId, HttpRequest request, ICallSessionStore sessions, DryRunFaultStore faults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(faults);
        var session = await sessions.GetAsync(CallId.Validate(callId), cancellationToken)
            ?? throw new ProblemException(404, "call-not-found", "Call not found", $"No call '{callId}' has connected.");
        if (!session.DryRun)
        {
            throw new ProblemException(404, "not-a-dry-run", "Not a dry run", $"Call '{callId}' is live: its writes go to the CRM, which fails on its own.");
        }

        var body = await RequestBody.ReadJsonAsync<DryRunFaultRequest>(request, RequestBody.DefaultMaxBytes, cancellationToken);
        var kind = body.Kind switch
        {
            "throttle" => DryRunFaultKind.Throttle,
            "timeout-after-commit" => DryRunFaultKind.TimeoutAfterCommit,
            "outage" => DryRunFaultKind.Outage,
            _ => throw new ProblemException(400, "invalid-fault", "Invalid fault", "'kind' is throttle, timeout-after-commit or outage."),
        };
        if (body.Times is not (>= 0 and <= 100))
        {
            throw new ProblemException(400, "invalid-fault", "Invalid fault", "'times' is how many writes fail, 0 (none: the CRM is back) to 100.");
        }

        var fault = new DryRunFault(kind, body.Times.Value);
        await faults.SetAsync(session.CallId, fault, cancellationToken);
        return TypedResults.Json(new { kind = body.Kind, remaining = fault.Remaining }, JsonSerializerOptions.Web);
    }
}

/// <summary>The body of <c>PUT /api/calls/{callId}/dry-run/faults</c>.</summary>
public sealed record DryRunFaultRequest(string? Kind, int? Times);
