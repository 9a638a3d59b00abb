using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Calls;

/// <summary>The call session's routes (<see cref="CallEndpoints"/>); the Functions triggers take their <c>Route =</c> from these constants.</summary>
public static class CallRoutes
{
    public const string Connect = "calls/{callId}/connect";
    public const string Summary = "calls/{callId}";
    public const string Account = "calls/{callId}/account";
    public const string AccountSelect = "calls/{callId}/account/select";
    public const string AccountInvalidate = "calls/{callId}/account/invalidate";

    public static EndpointRoute ConnectCall { get; } = new("ConnectCall", HttpMethods.Post, Connect, EndpointAccess.Function);
    public static EndpointRoute GetCall { get; } = new("GetCall", HttpMethods.Get, Summary, EndpointAccess.Function);
    public static EndpointRoute ReadAccount { get; } = new("ReadAccount", HttpMethods.Get, Account, EndpointAccess.Function);
    public static EndpointRoute SelectAccount { get; } = new("SelectAccount", HttpMethods.Post, AccountSelect, EndpointAccess.Function);
    public static EndpointRoute InvalidateAccount { get; } = new("InvalidateAccount", HttpMethods.Post, AccountInvalidate, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [ConnectCall, GetCall, ReadAccount, SelectAccount, InvalidateAccount];
}
