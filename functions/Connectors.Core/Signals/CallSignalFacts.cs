using Connectors.Core.Calls;
using Connectors.Core.WrapUp;

namespace Connectors.Core.Signals;

/// <summary>What the tables hold about one ended call, as the signals need it: the inputs of <see cref="ContractSignalsCalculator"/>.</summary>
public sealed record CallSignalFacts
{
    public required IndexedCall Call { get; init; }

    /// <summary>Null when the session is gone (it should not be).</summary>
    public CallSession? Session { get; init; }

    /// <summary>The baton's transfers: whether each carried everything the human needs.</summary>
    public IReadOnlyList<bool> TransfersComplete { get; init; } = [];

    /// <summary>The disputed amounts the baton carried (label mentions a dispute or a charge), for the digest's total.</summary>
    public decimal DisputedAmount { get; init; }

    /// <summary>The engine's status of the call's wrap-up; null when none exists.</summary>
    public WrapUpStatus? WrapUp { get; init; }

    public ParkedWrapUp? Parked { get; init; }

    public IReadOnlyList<AgentFeedback> Feedback { get; init; } = [];
}
