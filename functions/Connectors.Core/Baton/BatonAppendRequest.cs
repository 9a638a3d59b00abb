namespace Connectors.Core.Baton;

/// <summary>
/// The body of <c>PUT /api/calls/{callId}/baton</c>: turns to append, and the intent, summary, amounts and notes to set
/// (a null leaves the stored value as it is; amounts, when given, replace the list; notes are added).
/// <see cref="AppendId"/> (or the <c>Idempotency-Key</c> header) makes a retried append add nothing.
/// </summary>
public sealed record BatonAppendRequest(
    IReadOnlyList<BatonTurnInput>? Turns = null,
    string? Intent = null,
    string? Summary = null,
    IReadOnlyList<BatonAmountInput>? Amounts = null,
    IReadOnlyList<string>? Notes = null,
    string? AppendId = null);

/// <summary>One turn as a writer sends it; <see cref="At"/> defaults to the time of the append.</summary>
public sealed record BatonTurnInput(string? Speaker, string? Text, DateTimeOffset? At = null);

/// <summary>An amount as a writer sends it.</summary>
public sealed record BatonAmountInput(decimal? Value, string? Currency, string? Label);
