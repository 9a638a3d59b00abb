namespace Connectors.Core.WrapUp;

/// <summary>
/// What a call's disposition is made of, kept in the <c>WrapUps</c> table rather than in the orchestration history
/// (it holds the summary and amounts): the draft, the human's answer, how the call ended, and which of those the CRM
/// record holds. <see cref="Version"/> moves with every change the record must follow; <see cref="CommittedVersion"/>
/// is the one the record holds. Once <see cref="Recorded"/>, a change is an amendment of the same record.
/// </summary>
public sealed record WrapUpDisposition
{
    public required string CallId { get; init; }

    /// <summary><see cref="WrapUpInput.Ended"/> or <see cref="WrapUpInput.Abandoned"/>; an end that comes after an abandoned sweep makes it ended.</summary>
    public required string Trigger { get; init; }

    public bool HumanTookCall { get; init; }

    /// <summary>The draft for <see cref="Trigger"/>, made once (so every write of one version sends the same bytes); null until drafted.</summary>
    public DispositionDraft? Draft { get; init; }

    /// <summary>The human's latest confirmation or edit; null when none came.</summary>
    public HumanDisposition? Human { get; init; }

    public int Version { get; init; }

    /// <summary>The version the CRM record holds; -1 before the first write.</summary>
    public int CommittedVersion { get; init; } = -1;

    /// <summary>The disposition the CRM record holds.</summary>
    public DispositionDraft? Committed { get; init; }

    /// <summary>The wrap-up recorded the call; a later answer or end updates the same record as an amendment.</summary>
    public bool Recorded { get; init; }

    /// <summary>The record lags what the call now says: a write of <see cref="Version"/> is due.</summary>
    public bool Behind => Version > CommittedVersion;

    /// <summary>
    /// The disposition to write for <see cref="Version"/>: the one already written when it is current (a repeat sends the
    /// same bytes), else the draft with the human's answer applied, marked late when an earlier version was written.
    /// </summary>
    public DispositionDraft Compose(DispositionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!Behind && Committed is not null)
        {
            return Committed;
        }

        var composed = Human is { } human ? DispositionDrafter.Apply(draft, human)
            : HumanTookCall ? draft with { Confirmation = DispositionDraft.Unconfirmed }
            : draft;
        return CommittedVersion >= 0 ? composed with { Late = true } : composed;
    }
}
