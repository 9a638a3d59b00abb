namespace Connectors.Core.Auth.Senders;

/// <summary>
/// What a sender knows about one send. <see cref="Reason"/> is a short code (never provider text, which can
/// echo the number); <see cref="DestinationRejected"/> means the destination itself cannot take a message
/// (invalid, landline, region, opted out), so another channel is the way on.
/// </summary>
public sealed record SendResult(SendOutcome Outcome, string Reason, bool DestinationRejected = false, string? ProviderMessageId = null)
{
    public static SendResult Sent(string? providerMessageId) => new(SendOutcome.Sent, "accepted", false, providerMessageId);

    public static SendResult Failed(string reason, bool destinationRejected = false) => new(SendOutcome.Failed, reason, destinationRejected);

    public static SendResult Unknown(string reason) => new(SendOutcome.Unknown, reason);
}
