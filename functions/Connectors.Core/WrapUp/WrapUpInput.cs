namespace Connectors.Core.WrapUp;

/// <summary>
/// What starts a wrap-up: the call, why it is being wrapped up, whether a human took it (so confirms the
/// draft), and the policy in force when it started (kept in the input so a replay decides as the first run did).
/// A replay, a restart or an amendment carries <see cref="Progress"/> (the step to go on from and the CRM ids) and a
/// parked wrap-up whose replay wait ran out carries <see cref="Parked"/>: ids and codes only, never a payload.
/// </summary>
public sealed record WrapUpInput(
    string CallId,
    string Trigger,
    bool HumanTookCall,
    DateTimeOffset EndedAt,
    WrapUpPolicy Policy,
    WrapUpProgress? Progress = null,
    ParkedWrapUp? Parked = null)
{
    /// <summary>The platform or the flow said the call ended.</summary>
    public const string Ended = "ended";

    /// <summary>Nothing happened on the call for <see cref="WrapUpOptions.AbandonAfter"/>.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>The input of a new run that goes on at <paramref name="step"/> with what <paramref name="progress"/> holds.</summary>
    public WrapUpInput GoOnAt(string step, WrapUpProgress? progress) =>
        this with { Progress = (progress ?? new WrapUpProgress()) with { Step = step, WaitingForHuman = false, ParkedReason = null, LastError = null }, Parked = null };
}
