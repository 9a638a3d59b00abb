using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.WrapUp;

/// <summary>The wrap-up's routes (<see cref="WrapUpEndpoints"/>); the Functions triggers take their <c>Route =</c> from these constants.</summary>
public static class WrapUpRoutes
{
    public const string End = "calls/{callId}/end";
    public const string Status = "calls/{callId}/wrapup";
    public const string Disposition = "calls/{callId}/disposition";
    public const string Parked = "wrapups/parked";
    public const string Replay = "wrapups/{callId}/replay";

    public static EndpointRoute EndCall { get; } = new("EndCall", HttpMethods.Post, End, EndpointAccess.Function);
    public static EndpointRoute GetWrapUp { get; } = new("GetWrapUp", HttpMethods.Get, Status, EndpointAccess.Function);
    public static EndpointRoute ConfirmDisposition { get; } = new("ConfirmDisposition", HttpMethods.Post, Disposition, EndpointAccess.Function);
    public static EndpointRoute ListParkedWrapUps { get; } = new("ListParkedWrapUps", HttpMethods.Get, Parked, EndpointAccess.Function);
    public static EndpointRoute ReplayWrapUp { get; } = new("ReplayWrapUp", HttpMethods.Post, Replay, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [EndCall, GetWrapUp, ConfirmDisposition, ListParkedWrapUps, ReplayWrapUp];
}
