using System.Security.Cryptography;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Passcodes;

namespace Connectors.Tests.Auth.Passcodes;

public sealed class PasscodeChallengeTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Right = SHA256.HashData("right"u8);
    private static readonly byte[] Wrong = SHA256.HashData("wrong"u8);

    private static PasscodeChallenge Challenge(int maxTries = 5) => new()
    {
        AccountId = "001A",
        Channel = PasscodeChannel.Sms,
        CodeHash = Convert.ToBase64String(Right),
        IssuedAt = Issued,
        ExpiresAt = Issued.AddMinutes(5),
        MaxTries = maxTries,
        SendNumber = 1,
    };

    [Fact]
    public void The_right_code_within_its_lifetime_passes_once_and_is_then_used()
    {
        var first = Challenge().Check(Right, Issued.AddMinutes(4));
        Assert.Equal(AuthOutcomes.Passed, first.Outcome);
        Assert.Equal(PasscodeChallengeStatus.Consumed, first.Next!.Status);

        var second = first.Next.Check(Right, Issued.AddMinutes(4));
        Assert.Equal(AuthOutcomes.Used, second.Outcome);
        Assert.Null(second.Next);
    }

    [Fact]
    public void The_right_code_at_or_after_expiry_is_expired_and_costs_no_try()
    {
        var check = Challenge().Check(Right, Issued.AddMinutes(5));
        Assert.Equal(AuthOutcomes.Expired, check.Outcome);
        Assert.Null(check.Next);
    }

    [Fact]
    public void Each_wrong_code_costs_a_try_and_the_last_closes_the_code_even_to_the_right_one()
    {
        var challenge = Challenge(maxTries: 3);
        var at = Issued.AddMinutes(1);
        for (var left = 2; left >= 0; left--)
        {
            var check = challenge.Check(Wrong, at);
            Assert.Equal(AuthOutcomes.Failed, check.Outcome);
            Assert.Equal(left, check.TriesRemaining);
            challenge = check.Next!;
        }

        Assert.Equal(PasscodeChallengeStatus.Exhausted, challenge.Status);
        Assert.Equal(AuthOutcomes.TooManyTries, challenge.Check(Right, at).Outcome);
    }

    [Fact]
    public void A_code_that_was_never_delivered_cannot_pass()
    {
        var challenge = Challenge() with { Status = PasscodeChallengeStatus.NotDelivered };
        Assert.Equal(AuthOutcomes.NotDelivered, challenge.Check(Right, Issued.AddMinutes(1)).Outcome);
    }
}
