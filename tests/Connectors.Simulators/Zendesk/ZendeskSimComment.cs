using System.Text.Json.Nodes;

namespace Connectors.Simulators.Zendesk;

/// <summary>A comment on a simulated ticket; a voice comment carries its call data.</summary>
public sealed record ZendeskSimComment
{
    public long Id { get; init; }

    /// <summary><c>Comment</c> or <c>VoiceComment</c>.</summary>
    public string Type { get; init; } = "Comment";

    public required string Body { get; init; }

    public bool Public { get; init; } = true;

    public long AuthorId { get; init; }

    public long AuditId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public JsonObject? Data { get; init; }
}
