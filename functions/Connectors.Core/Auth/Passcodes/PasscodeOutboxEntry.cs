using System.Globalization;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// One send, recorded BEFORE it is attempted and marked after. The destination is kept masked and as a
/// keyed pseudonym only; the message (which holds the code) is never stored.
/// </summary>
public sealed record PasscodeOutboxEntry
{
    public const string OtpPurpose = "otp";

    public required string CallId { get; init; }

    public required string Purpose { get; init; }

    public required PasscodeChannel Channel { get; init; }

    /// <summary>1, 2, ... per call, purpose and channel.</summary>
    public required int SendNumber { get; init; }

    public required string Provider { get; init; }

    public required string AccountId { get; init; }

    public required string DestinationMasked { get; init; }

    public required string DestinationPseudonym { get; init; }

    /// <summary>The provider's repeatability id where it has one (ACS); otherwise our reference for the send.</summary>
    public required Guid RequestId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public OutboxStatus Status { get; init; } = OutboxStatus.Pending;

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>A short reason code (<c>timeout</c>, <c>invalid-destination</c>...), never provider text.</summary>
    public string? Reason { get; init; }

    public string? ProviderMessageId { get; init; }

    /// <summary>True while the code may be on its way to the caller.</summary>
    public bool MayHaveBeenSent => Status is OutboxStatus.Pending or OutboxStatus.Sent or OutboxStatus.Unknown;

    public static string RowKeyFor(string purpose, PasscodeChannel channel, int sendNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{purpose}-{channel.ToString().ToLowerInvariant()}-{sendNumber:D4}");
}
