namespace Connectors.Core.Baton;

/// <summary>
/// What a transfer hands on. <see cref="Token"/> and <see cref="AgentUrl"/> are the capability (shown once, never
/// stored or logged); <see cref="AmazonConnectAttributes"/> is a flat string map for contact attributes;
/// <see cref="TwilioTaskAttributes"/> a JSON object for the TaskRouter task; the CRM record is what the agent's screen pops.
/// </summary>
public sealed record BatonTransferResult
{
    public required string CallId { get; init; }

    public required int Version { get; init; }

    public required string Token { get; init; }

    public required string AgentUrl { get; init; }

    public required string AgentPageUrl { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required bool Complete { get; init; }

    public required IReadOnlyDictionary<string, string> AmazonConnectAttributes { get; init; }

    public required IReadOnlyDictionary<string, object?> TwilioTaskAttributes { get; init; }

    public required string Crm { get; init; }

    public string? CrmRecordType { get; init; }

    public string? CrmRecordId { get; init; }

    /// <summary>SIP headers for platforms without attributes (<see cref="BatonSipHeaders"/>): the token as <c>X-Connectors-Baton</c> and as <c>User-to-User</c>.</summary>
    public required IReadOnlyDictionary<string, string> SipHeaders { get; init; }

    /// <summary>At most 20 words to play to the human before the bridge (<see cref="BatonWhisper"/>).</summary>
    public required string Whisper { get; init; }
}
