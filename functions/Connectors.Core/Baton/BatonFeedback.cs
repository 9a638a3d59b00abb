namespace Connectors.Core.Baton;

/// <summary>
/// What the human agent reported after a warm transfer: what, if anything, the caller had to repeat. Stored once per
/// transfer (call id + baton version) in the <c>BatonFeedback</c> table, partition = call id, row = version as six
/// digits (<c>000001</c>), one JSON document per row with exactly these fields. The signals page (issue 17) reads it.
/// </summary>
public sealed record BatonFeedback
{
    /// <summary><c>nothing</c>, <c>identity</c> (who they are), <c>reason</c> (why they called) or <c>account</c> (account details).</summary>
    public required string Repeated { get; init; }

    public required string CallId { get; init; }

    /// <summary>The transfer's baton version (1 for the first transfer of the call).</summary>
    public required int Version { get; init; }

    /// <summary>Whether the sealed baton held account, verification level, intent and transcript (<see cref="BatonViewBuilder.IsComplete"/>).</summary>
    public required bool Complete { get; init; }

    /// <summary>The transfer's target queue or agent group, as sealed.</summary>
    public required string Target { get; init; }

    public required DateTimeOffset SealedAt { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}
