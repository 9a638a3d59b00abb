using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Signals;

/// <summary>The signals' routes (<see cref="SignalsEndpoints"/>); the Functions triggers take their <c>Route =</c> from these constants.</summary>
public static class SignalsRoutes
{
    public const string Signals = "signals";
    public const string View = "signals/view";

    public static EndpointRoute GetSignals { get; } = new("GetSignals", HttpMethods.Get, Signals, EndpointAccess.Function);
    public static EndpointRoute GetSignalsView { get; } = new("GetSignalsView", HttpMethods.Get, View, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [GetSignals, GetSignalsView];
}
