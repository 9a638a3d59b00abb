namespace Connectors.Core.Channels;

/// <summary>
/// The actions a platform flow can ask for, and the parameters each reads (the same names on every platform).
/// Each maps onto the Core handler the JSON API uses; no decision is made twice.
/// </summary>
public static class ChannelActions
{
    /// <summary>Opens the session and starts the screen-pop lookup. Parameters: <c>callerNumber</c>, <c>dialledNumber</c>, <c>ivrDigits</c>, <c>dryRun</c>.</summary>
    public const string Connect = "connect";

    /// <summary>The gated account read. Parameter: <c>for</c> (the policy's action, e.g. <c>balance</c>).</summary>
    public const string Read = "read";

    /// <summary>The knowledge check. Parameters: <c>lastFour</c>, <c>billingZip</c>, <c>dateOfBirth</c>.</summary>
    public const string Knowledge = "knowledge";

    /// <summary>Sends a one-time passcode to the channel on file. Parameters: <c>channel</c> (<c>sms</c>|<c>email</c>), <c>culture</c>.</summary>
    public const string PasscodeSend = "otp-send";

    /// <summary>Checks a one-time passcode. Parameter: <c>code</c>.</summary>
    public const string PasscodeVerify = "otp-verify";

    /// <summary>Appends to the baton. Parameters: <c>speaker</c> + <c>text</c> (one turn), <c>intent</c>, <c>summary</c>, <c>amount</c> + <c>currency</c> + <c>amountLabel</c>, <c>note</c>.</summary>
    public const string Say = "say";

    /// <summary>The warm transfer. Parameters: <c>reason</c>, <c>target</c>.</summary>
    public const string Transfer = "transfer";

    /// <summary>The human agent answered. Parameter: <c>agentId</c>.</summary>
    public const string Answered = "answered";

    /// <summary>The call ended. Parameter: <c>reason</c>.</summary>
    public const string End = "end";

    public static IReadOnlyList<string> All { get; } = [Connect, Read, Knowledge, PasscodeSend, PasscodeVerify, Say, Transfer, Answered, End];

    /// <summary>
    /// Whether a retry of <paramref name="action"/> may get its stored first answer. Not a read (its answer holds account
    /// fields; it changes nothing, so a retry reads again) nor a transfer (its answer holds the agent link, a token; a
    /// retry under the same key rotates the link of the same transfer version).
    /// </summary>
    public static bool AnswerMayBeStored(string action) => action is not (Read or Transfer);
}
