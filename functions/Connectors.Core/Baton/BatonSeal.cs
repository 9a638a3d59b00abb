namespace Connectors.Core.Baton;

/// <summary>
/// One transfer's sealed view of the baton, stored under the hash of its agent token: what the human agent reads,
/// with the account limited to the fields the caller's verified level allows at the time of the transfer.
/// </summary>
public sealed record BatonSeal
{
    public required string CallId { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset SealedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required BatonView View { get; init; }
}
