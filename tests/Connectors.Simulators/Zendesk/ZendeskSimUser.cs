namespace Connectors.Simulators.Zendesk;

/// <summary>A user of the simulated account: an end user (a customer) or an agent.</summary>
public sealed class ZendeskSimUser
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    /// <summary>As the account stored it, punctuation and all.</summary>
    public string? Phone { get; set; }

    public bool SharedPhoneNumber { get; set; }

    /// <summary><c>end-user</c>, <c>agent</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = "end-user";

    public string? ExternalId { get; set; }

    /// <summary>Custom user fields by key: strings, numbers, booleans or null.</summary>
    public Dictionary<string, object?> UserFields { get; init; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsAgent => Role is "agent" or "admin";

    public ZendeskSimUser Clone() => new()
    {
        Id = Id,
        Name = Name,
        Email = Email,
        Phone = Phone,
        SharedPhoneNumber = SharedPhoneNumber,
        Role = Role,
        ExternalId = ExternalId,
        UserFields = new Dictionary<string, object?>(UserFields, StringComparer.Ordinal),
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
