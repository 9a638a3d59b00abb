using System.Text.RegularExpressions;
using Connectors.Core.Http;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connectors.Core.Events;

/// <summary>The outbound events over HTTP: resend one (dead-lettered, or already sent) by its id.</summary>
public static partial class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(EventRoutes.ResendEvent, ResendAsync);
        return endpoints;
    }

    /// <summary><c>POST /api/events/{eventId}/resend</c>: 202 with the event as it waits for delivery; 404 for an unknown id.</summary>
    public static async Task<IResult> ResendAsync(string eventId, EventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(time);
        if (!EventIdPattern().IsMatch(eventId ?? string.Empty))
        {
            throw new ProblemException(400, "invalid-event-id", "Invalid event id", "An event id is 'evt-' and 32 lower-case hex digits, as the CloudEvent's id carries it.");
        }

        var again = await outbox.ResendAsync(eventId!, time.GetUtcNow(), cancellationToken)
            ?? throw new ProblemException(404, "event-not-found", "Event not found", $"No outbound event '{eventId}' is pending, sent or dead-lettered.");
        return TypedResults.Json(new ResendEventResponse(again.Id, again.Type, again.CallId, EventOutbox.Pending), ConnectorsJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    [GeneratedRegex("^evt-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();
}

/// <summary>The answer of <c>POST /api/events/{eventId}/resend</c>.</summary>
public sealed record ResendEventResponse(string Id, string Type, string CallId, string State);
