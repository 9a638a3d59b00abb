namespace Connectors.Core.Queues;

/// <summary>
/// The work queues, by the names every host uses: the Service Bus queues in bicep/main.bicep, the Functions
/// triggers, and LocalHost's in-process queues. A handler's <see cref="IWorkItemHandler.Queue"/> is one of these.
/// </summary>
public static class QueueNames
{
    /// <summary>Screen-pop prefetch: look the caller up before anyone asks.</summary>
    public const string Prefetch = "prefetch";

    /// <summary>One-time passcode sends (SMS or email).</summary>
    public const string OtpSend = "otp-send";

    /// <summary>Wrap-up starts: one message per completed call starts its durable wrap-up.</summary>
    public const string WrapUp = "wrapup";

    public static IReadOnlyList<string> All { get; } = [Prefetch, OtpSend, WrapUp];
}
