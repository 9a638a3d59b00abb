using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Events;

/// <summary>The outbound events' routes (<see cref="EventEndpoints"/>); the Functions triggers take their <c>Route =</c> from these constants.</summary>
public static class EventRoutes
{
    public const string Resend = "events/{eventId}/resend";

    public static EndpointRoute ResendEvent { get; } = new("ResendEvent", HttpMethods.Post, Resend, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [ResendEvent];
}
