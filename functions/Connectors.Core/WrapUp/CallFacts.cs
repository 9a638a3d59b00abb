using Connectors.Core.Auth;

namespace Connectors.Core.WrapUp;

/// <summary>The session as the wrap-up needs it (step 1): small, no PII beyond record ids, so it can live in the orchestration history.</summary>
public sealed record CallFacts
{
    public required string CallId { get; init; }

    public bool DryRun { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    public string? AccountId { get; init; }

    public AssuranceLevel VerificationLevel { get; init; }

    public int EventCount { get; init; }

    /// <summary>The event kinds of the call, in order (codes, never PII), for the draft's rules.</summary>
    public IReadOnlyList<string> EventKinds { get; init; } = [];

    public required WrapUpConversation Conversation { get; init; }
}
