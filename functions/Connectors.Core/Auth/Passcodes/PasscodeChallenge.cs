namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// The code a call is waiting for, stored as its keyed hash only (HMAC-SHA256 of callId|accountId|code).
/// One per call: a new send replaces the previous code. Changed only under the ETag, so two racing
/// entries of the right code cannot both pass.
/// </summary>
public sealed record PasscodeChallenge
{
    public required string AccountId { get; init; }

    public required PasscodeChannel Channel { get; init; }

    /// <summary>Base64 of the keyed hash.</summary>
    public required string CodeHash { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required int MaxTries { get; init; }

    /// <summary>The outbox send that carried this code.</summary>
    public required int SendNumber { get; init; }

    public int Tries { get; init; }

    public PasscodeChallengeStatus Status { get; init; } = PasscodeChallengeStatus.Active;

    public DateTimeOffset? ClosedAt { get; init; }

    public AuthMethod Method => Channel == PasscodeChannel.Sms ? AuthMethod.SmsPasscode : AuthMethod.EmailPasscode;

    /// <summary>
    /// Decides an entry whose keyed hash is <paramref name="presentedHash"/>. Expiry, use and exhaustion are
    /// checked before the hash, and a closed code never reveals whether the entry was right.
    /// </summary>
    public PasscodeCheck Check(ReadOnlySpan<byte> presentedHash, DateTimeOffset now)
    {
        var remaining = Math.Max(0, MaxTries - Tries);
        switch (Status)
        {
            case PasscodeChallengeStatus.Consumed:
                return new PasscodeCheck(AuthOutcomes.Used, null, 0);
            case PasscodeChallengeStatus.Exhausted:
                return new PasscodeCheck(AuthOutcomes.TooManyTries, null, 0);
            case PasscodeChallengeStatus.NotDelivered:
                return new PasscodeCheck(AuthOutcomes.NotDelivered, null, 0);
        }

        if (now >= ExpiresAt)
        {
            return new PasscodeCheck(AuthOutcomes.Expired, null, remaining);
        }

        if (remaining == 0)
        {
            return new PasscodeCheck(AuthOutcomes.TooManyTries, this with { Status = PasscodeChallengeStatus.Exhausted, ClosedAt = now }, 0);
        }

        if (ConstantTimeComparer.EqualBytes(Convert.FromBase64String(CodeHash), presentedHash))
        {
            return new PasscodeCheck(AuthOutcomes.Passed, this with { Status = PasscodeChallengeStatus.Consumed, Tries = Tries + 1, ClosedAt = now }, 0);
        }

        var tries = Tries + 1;
        var exhausted = tries >= MaxTries;
        return new PasscodeCheck(
            AuthOutcomes.Failed,
            this with
            {
                Tries = tries,
                Status = exhausted ? PasscodeChallengeStatus.Exhausted : PasscodeChallengeStatus.Active,
                ClosedAt = exhausted ? now : null,
            },
            MaxTries - tries);
    }
}
