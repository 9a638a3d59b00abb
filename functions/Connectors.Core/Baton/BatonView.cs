namespace Connectors.Core.Baton;

/// <summary>
/// The agent's view of a transfer (<c>GET /api/batons/{token}</c> and the page): account, verification, intent,
/// amounts, summary and transcript. <see cref="Account"/> holds only what the verified level allows.
/// </summary>
public sealed record BatonView
{
    public required string CallId { get; init; }

    public required int Version { get; init; }

    public required string Reason { get; init; }

    public required string Target { get; init; }

    /// <summary>The caller's number masked to its last four, or null when withheld.</summary>
    public string? Caller { get; init; }

    /// <summary><c>none</c>, <c>knowledge</c>, <c>possession</c> or <c>biometric</c>, for the selected account.</summary>
    public required string VerificationLevel { get; init; }

    /// <summary>The methods that passed for the selected account, e.g. <c>knowledgeCheck</c>, <c>smsPasscode</c>.</summary>
    public IReadOnlyList<string> VerificationMethods { get; init; } = [];

    /// <summary>Each proof passed for the selected account, oldest first (what the page's "Verified" line and "Don't ask again" list show).</summary>
    public IReadOnlyList<BatonVerification> Verifications { get; init; } = [];

    public string? AccountId { get; init; }

    /// <summary>The account's fields by name (see <c>AccountFields</c>), only those the verified level opens.</summary>
    public IReadOnlyDictionary<string, object?> Account { get; init; } = new Dictionary<string, object?>();

    public string? Intent { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<BatonAmount> Amounts { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<BatonTurn> Transcript { get; init; } = [];

    public string? CrmRecordType { get; init; }

    public string? CrmRecordId { get; init; }

    public required DateTimeOffset SealedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
