using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Baton;

/// <summary>The baton's routes (<see cref="BatonEndpoints"/>); the Functions triggers take their <c>Route =</c> from these constants.</summary>
public static class BatonRoutes
{
    public const string Baton = "calls/{callId}/baton";
    public const string Transfer = "calls/{callId}/transfer";
    public const string Answered = "calls/{callId}/answered";
    public const string View = "batons/{token}";
    public const string Page = "batons/{token}/view";

    public static EndpointRoute AppendBaton { get; } = new("AppendBaton", HttpMethods.Put, Baton, EndpointAccess.Function);
    public static EndpointRoute TransferCall { get; } = new("TransferCall", HttpMethods.Post, Transfer, EndpointAccess.Function);
    public static EndpointRoute AnswerTransfer { get; } = new("AnswerTransfer", HttpMethods.Post, Answered, EndpointAccess.Function);
    public static EndpointRoute GetBatonView { get; } = new("GetBatonView", HttpMethods.Get, View, EndpointAccess.Function);
    public static EndpointRoute GetBatonPage { get; } = new("GetBatonPage", HttpMethods.Get, Page, EndpointAccess.Function);

    public static IReadOnlyList<EndpointRoute> All { get; } = [AppendBaton, TransferCall, AnswerTransfer, GetBatonView, GetBatonPage];
}
