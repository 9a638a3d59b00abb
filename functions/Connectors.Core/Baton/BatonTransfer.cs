namespace Connectors.Core.Baton;

/// <summary>
/// One warm transfer of the call: the sealed version, where it went, the hash of its agent token (never the token),
/// the CRM record popped for it, and who answered.
/// </summary>
public sealed record BatonTransfer
{
    public required int Version { get; init; }

    public required string Reason { get; init; }

    public required string Target { get; init; }

    /// <summary>SHA-256 (hex) of the agent token; the token itself is never stored.</summary>
    public required string TokenHash { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The key the caller of the transfer gave (or the platform's retry key): a repeat rotates the token, nothing else.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Account, verification level, intent and transcript were all present.</summary>
    public bool Complete { get; init; }

    public string? CrmRecordType { get; init; }

    public string? CrmRecordId { get; init; }

    public string? AnsweredBy { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }
}
