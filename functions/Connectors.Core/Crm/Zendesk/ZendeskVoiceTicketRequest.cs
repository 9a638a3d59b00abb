namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// A call to record as a Talk Partner Edition voice ticket (a ticket with a voice comment), optionally
/// popped on an agent's screen. <see cref="TranscriptionText"/> must already be redacted.
/// </summary>
public sealed record ZendeskVoiceTicketRequest
{
    /// <summary>The telephony call key; with the write name it makes the ticket's external id, so a repeat finds it.</summary>
    public required string CallKey { get; init; }

    public ZendeskCallDirection Direction { get; init; } = ZendeskCallDirection.Inbound;

    /// <summary>The caller's number (E.164).</summary>
    public required string From { get; init; }

    /// <summary>The number dialled (E.164).</summary>
    public required string To { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int DurationSeconds { get; init; }

    /// <summary>Zendesk user id of the end user, when the caller is known.</summary>
    public string? RequesterId { get; init; }

    /// <summary>Zendesk user id of the agent who answered.</summary>
    public string? AnsweredByAgentId { get; init; }

    /// <summary>Zendesk user id of the agent whose browser should open the new ticket (validated by Zendesk before the create).</summary>
    public string? DisplayToAgentId { get; init; }

    public string? Subject { get; init; }

    /// <summary>A hosted MP3 or WAV; Zendesk stores the link, not the file.</summary>
    public Uri? RecordingUrl { get; init; }

    public string? TranscriptionText { get; init; }

    public string? Location { get; init; }
}
