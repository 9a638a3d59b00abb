namespace Connectors.Scenarios.Model;

/// <summary>What the whole call must come to.</summary>
public sealed record ScenarioExpectation
{
    /// <summary>The assurance level the call reached (<c>none</c>, <c>knowledge</c>, <c>possession</c>).</summary>
    public string? Level { get; init; }

    /// <summary>The disposition's outcome code in the would-have-written ledger.</summary>
    public string? Disposition { get; init; }

    /// <summary>Baton view fields the human needs (e.g. intent, amounts, verificationLevel); checked when the call was transferred.</summary>
    public IReadOnlyList<string> Handoff { get; init; } = [];

    /// <summary>The most verification turns (knowledge, passcode, select) the call may spend. Default 4.</summary>
    public int VerificationBudget { get; init; } = 4;

    /// <summary>The ledger's writes, each by matcher; with <see cref="ExactLedger"/>, nothing else may be written.</summary>
    public IReadOnlyList<LedgerExpectation> Ledger { get; init; } = [];

    public bool ExactLedger { get; init; } = true;
}
