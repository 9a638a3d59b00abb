namespace Connectors.Core.Auth;

/// <summary>
/// The stable outcome codes of <see cref="AuthAttempt.Outcome"/> and of the <c>outcome</c> metric tag.
/// Codes say what happened, never what was presented.
/// </summary>
public static class AuthOutcomes
{
    public const string Passed = "passed";

    /// <summary>The answer or code was wrong (which field is never said).</summary>
    public const string Failed = "failed";

    /// <summary>Refused before comparing: the call's or the account's attempts are spent for the window.</summary>
    public const string LockedOut = "locked-out";

    public const string Expired = "expired";

    /// <summary>The code already passed once.</summary>
    public const string Used = "used";

    /// <summary>The code's tries are spent; a new code is needed.</summary>
    public const string TooManyTries = "too-many-tries";

    /// <summary>The code was never delivered (the provider refused it).</summary>
    public const string NotDelivered = "not-delivered";

    /// <summary>A biometric assertion whose signature does not verify, or from an unknown vendor.</summary>
    public const string SignatureInvalid = "signature-invalid";

    /// <summary>A biometric assertion signed outside the tolerance window.</summary>
    public const string Stale = "stale";

    /// <summary>A biometric assertion id seen before.</summary>
    public const string Replayed = "replayed";

    /// <summary>A signed assertion about another call or another account.</summary>
    public const string Mismatch = "mismatch";

    /// <summary>The vendor verified the voice and found no match.</summary>
    public const string NoMatch = "no-match";

    /// <summary>A match whose score is below the configured minimum.</summary>
    public const string BelowThreshold = "below-threshold";
}
