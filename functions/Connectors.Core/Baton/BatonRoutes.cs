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
    public const string Feedback = "batons/{token}/feedback";

    public static EndpointRoute AppendBaton { get; } = new("AppendBaton", HttpMethods.Put, Baton, EndpointAccess.Function);
    public static EndpointRoute TransferCall { get; } = new("TransferCall", HttpMethods.Post, Transfer, EndpointAccess.Function);
    public static EndpointRoute AnswerTransfer { get; } = new("AnswerTransfer", HttpMethods.Post, Answered, EndpointAccess.Function);

    // The agent link is the capability: its 256-bit token, not a function key, opens the view, the page and the feedback.
    // A key in a link would open every function-level route to every agent and sit in browser history and proxy logs.
    public static EndpointRoute GetBatonView { get; } = new("GetBatonView", HttpMethods.Get, View, EndpointAccess.Anonymous);
    public static EndpointRoute GetBatonPage { get; } = new("GetBatonPage", HttpMethods.Get, Page, EndpointAccess.Anonymous);
    public static EndpointRoute PostBatonFeedback { get; } = new("PostBatonFeedback", HttpMethods.Post, Feedback, EndpointAccess.Anonymous);

    /// <summary>The routes an agent's browser opens with the link alone.</summary>
    public static IReadOnlyList<EndpointRoute> AgentLink { get; } = [GetBatonView, GetBatonPage, PostBatonFeedback];

    public static IReadOnlyList<EndpointRoute> All { get; } = [AppendBaton, TransferCall, AnswerTransfer, GetBatonView, GetBatonPage, PostBatonFeedback];
}
