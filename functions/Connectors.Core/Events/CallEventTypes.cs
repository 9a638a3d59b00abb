namespace Connectors.Core.Events;

/// <summary>The outbound call events: the CloudEvents <c>type</c> of each fact the customer's systems hear about.</summary>
public static class CallEventTypes
{
    public const string Recorded = "call.recorded";
    public const string Abandoned = "call.abandoned";
    public const string WrapUpParked = "wrapup.parked";
    public const string WrapUpReplayed = "wrapup.replayed";
    public const string TransferAnswered = "transfer.answered";

    public static IReadOnlyList<string> All { get; } = [Recorded, Abandoned, WrapUpParked, WrapUpReplayed, TransferAnswered];
}
