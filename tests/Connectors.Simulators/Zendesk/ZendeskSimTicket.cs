namespace Connectors.Simulators.Zendesk;

/// <summary>A ticket of the simulated account with its comments.</summary>
public sealed class ZendeskSimTicket
{
    public long Id { get; set; }

    public required string Subject { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary><c>new</c>, <c>open</c>, <c>pending</c>, <c>hold</c>, <c>solved</c> or <c>closed</c>.</summary>
    public string Status { get; set; } = "new";

    public string? Priority { get; set; }

    public string? Type { get; set; }

    public long RequesterId { get; set; }

    public long SubmitterId { get; set; }

    public long? AssigneeId { get; set; }

    public string? ExternalId { get; set; }

    public List<string> Tags { get; init; } = [];

    /// <summary>Ticket custom field values by field id; an update changes only the fields it lists.</summary>
    public Dictionary<long, string?> CustomFields { get; init; } = [];

    /// <summary><c>api</c>, <c>voice</c>, <c>email</c>, <c>web</c>...</summary>
    public string ViaChannel { get; set; } = "api";

    public int? ViaId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whole seconds, strictly increasing with every update: the stamp a safe update must send back.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public List<ZendeskSimComment> Comments { get; init; } = [];

    public ZendeskSimTicket Clone() => new()
    {
        Id = Id,
        Subject = Subject,
        Description = Description,
        Status = Status,
        Priority = Priority,
        Type = Type,
        RequesterId = RequesterId,
        SubmitterId = SubmitterId,
        AssigneeId = AssigneeId,
        ExternalId = ExternalId,
        Tags = [.. Tags],
        CustomFields = new Dictionary<long, string?>(CustomFields),
        ViaChannel = ViaChannel,
        ViaId = ViaId,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Comments = [.. Comments],
    };
}
