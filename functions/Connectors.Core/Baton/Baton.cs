namespace Connectors.Core.Baton;

/// <summary>
/// What the human agent needs so the caller never re-explains: the redacted transcript, intent, summary, amounts
/// and notes, plus the transfers sealed from it. Verification and account come from the call session at transfer time,
/// never from a writer. Immutable: change it through <see cref="BatonStore.UpdateAsync"/>.
/// </summary>
public sealed record Baton
{
    public required string CallId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public string? Intent { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<BatonAmount> Amounts { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The turns kept, oldest first. See <see cref="SummarisedOutTurns"/> for those that made room.</summary>
    public IReadOnlyList<BatonTurn> Turns { get; init; } = [];

    /// <summary>How many of the oldest turns were replaced by the "n turns summarised out" marker.</summary>
    public int SummarisedOutTurns { get; init; }

    /// <summary>The last append keys seen, so a retried append adds nothing.</summary>
    public IReadOnlyList<string> AppendKeys { get; init; } = [];

    public IReadOnlyList<BatonTransfer> Transfers { get; init; } = [];

    /// <summary>
    /// When the call was recorded (its wrap-up wrote it, or the abandoned sweep decided it): from then on the baton
    /// takes no append, transfer or answer (409 <c>call-already-recorded</c>). Null while the call is live.
    /// </summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>The version the next transfer seals.</summary>
    public int NextVersion => Transfers.Count == 0 ? 1 : Transfers.Max(t => t.Version) + 1;

    /// <summary>The transcript as read: the marker first when turns were summarised out, then the turns kept.</summary>
    public IReadOnlyList<BatonTurn> Transcript() =>
        SummarisedOutTurns == 0
            ? Turns
            : [new BatonTurn(BatonTranscriptCap.MarkerSpeaker, BatonTranscriptCap.MarkerText(SummarisedOutTurns), Turns.Count > 0 ? Turns[0].At : UpdatedAt), .. Turns];
}
