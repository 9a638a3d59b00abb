namespace Connectors.Core.WrapUp;

/// <summary>
/// What starts a wrap-up: the call, why it is being wrapped up, whether a human took it (so confirms the
/// draft), and the policy in force when it started (kept in the input so a replay decides as the first run did).
/// </summary>
public sealed record WrapUpInput(string CallId, string Trigger, bool HumanTookCall, DateTimeOffset EndedAt, WrapUpPolicy Policy)
{
    /// <summary>The platform or the flow said the call ended.</summary>
    public const string Ended = "ended";

    /// <summary>Nothing happened on the call for <see cref="WrapUpOptions.AbandonAfter"/>.</summary>
    public const string Abandoned = "abandoned";
}
