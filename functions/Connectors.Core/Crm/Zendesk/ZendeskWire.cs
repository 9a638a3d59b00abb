using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// The JSON shapes the connector reads from and writes to the Zendesk Support API (snake_case).
/// Only the fields the connector uses; Zendesk ignores nothing we send and we ignore what we do not read.
/// </summary>
internal static class ZendeskWire
{
    /// <summary>Snake_case, nulls left out, so a payload carries only what we mean to set.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    internal sealed record User
    {
        public long Id { get; init; }

        public string? Name { get; init; }

        public string? Email { get; init; }

        public string? Phone { get; init; }

        public string? ExternalId { get; init; }

        public string? Role { get; init; }

        /// <summary>Present on search results: <c>user</c>, <c>ticket</c>, ...</summary>
        public string? ResultType { get; init; }

        public Dictionary<string, JsonElement>? UserFields { get; init; }
    }

    internal sealed record Via
    {
        public string? Channel { get; init; }
    }

    internal sealed record Ticket
    {
        public long Id { get; init; }

        public string? Subject { get; init; }

        public string? Status { get; init; }

        public string? ExternalId { get; init; }

        public List<string>? Tags { get; init; }

        public long? RequesterId { get; init; }

        public DateTimeOffset? CreatedAt { get; init; }

        /// <summary>Kept as the server wrote it: a safe update sends it back unchanged.</summary>
        public string? UpdatedAt { get; init; }

        public Via? Via { get; init; }
    }

    internal sealed record Comment
    {
        public long Id { get; init; }

        public string? Body { get; init; }

        public string? PlainBody { get; init; }

        public bool Public { get; init; }
    }

    internal sealed record AuditEvent
    {
        public long Id { get; init; }

        public string? Type { get; init; }
    }

    internal sealed record Audit
    {
        public long Id { get; init; }

        public List<AuditEvent>? Events { get; init; }
    }

    internal sealed record UserEnvelope(User? User);

    internal sealed record TicketEnvelope(Ticket? Ticket, Audit? Audit);

    internal sealed record UsersPage(List<User>? Users, string? NextPage);

    internal sealed record SearchPage(List<User>? Results, string? NextPage);

    internal sealed record TicketsPage(List<Ticket>? Tickets, string? NextPage);

    internal sealed record CommentsPage(List<Comment>? Comments, string? NextPage);

    /// <summary><c>{"error": "RecordInvalid", "description": "..."}</c>; <c>error</c> is sometimes an object.</summary>
    internal sealed record ErrorBody(JsonElement Error, string? Description);

    internal sealed record CommentWrite
    {
        public required string Body { get; init; }

        public bool Public { get; init; }
    }

    /// <summary>The <c>ticket</c> object of a create or update.</summary>
    internal sealed record TicketWrite
    {
        public string? Subject { get; init; }

        public CommentWrite? Comment { get; init; }

        public long? RequesterId { get; init; }

        public string? ExternalId { get; init; }

        public IReadOnlyList<string>? Tags { get; init; }

        /// <summary><c>new</c>, <c>open</c>, <c>pending</c>, <c>hold</c> or <c>solved</c>.</summary>
        public string? Status { get; init; }

        /// <summary>Only the fields listed change; Zendesk keeps the others.</summary>
        public IReadOnlyList<CustomFieldWrite>? CustomFields { get; init; }

        public bool? SafeUpdate { get; init; }

        public string? UpdatedStamp { get; init; }
    }

    /// <summary>One ticket custom field: <c>{"id": 360000000001, "value": "..."}</c>.</summary>
    internal sealed record CustomFieldWrite(long Id, string Value);

    internal sealed record TicketWriteEnvelope(TicketWrite Ticket);

    internal sealed record VoiceComment
    {
        public required string From { get; init; }

        public required string To { get; init; }

        public string? RecordingUrl { get; init; }

        public required DateTimeOffset StartedAt { get; init; }

        public required int CallDuration { get; init; }

        public long? AnsweredById { get; init; }

        public string? TranscriptionText { get; init; }

        public string? Location { get; init; }
    }

    internal sealed record VoiceTicketWrite
    {
        public required int ViaId { get; init; }

        public string? Subject { get; init; }

        public long? RequesterId { get; init; }

        public string? ExternalId { get; init; }

        public IReadOnlyList<string>? Tags { get; init; }

        public required VoiceComment VoiceComment { get; init; }
    }

    internal sealed record VoiceTicketEnvelope(VoiceTicketWrite Ticket, long? DisplayToAgent);
}
