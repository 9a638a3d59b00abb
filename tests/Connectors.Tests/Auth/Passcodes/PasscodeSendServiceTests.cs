using Connectors.Core.Auth;
using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Http;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Passcodes;

public sealed class PasscodeSendServiceTests
{
    private static readonly PasscodeSendRequest Sms = new(PasscodeChannel.Sms);

    [Fact]
    public async Task A_code_goes_to_the_mobile_on_file_and_the_answer_shows_it_masked()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var response = await rig.Get<PasscodeSendService>().SendAsync(callId, Sms, CancellationToken.None);

        var sent = Assert.Single(rig.Sms.Sent);
        Assert.Equal(account.Mobile, sent.To.E164);
        Assert.Equal("***" + account.Mobile[^4..], response.MaskedDestination);
        Assert.Equal(("sent", 1), (response.Delivery, response.SendNumber));
        Assert.Equal(rig.Clock.GetUtcNow().AddMinutes(5), response.ExpiresAt);
        Assert.Equal(TimeSpan.FromMinutes(5), sent.ValidFor);
    }

    [Fact]
    public async Task The_outbox_row_is_written_before_the_send_and_marked_after()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create());
        var outbox = rig.Get<PasscodeOutbox>();
        IReadOnlyList<PasscodeOutboxEntry>? during = null;
        rig.Sms.During = async message => during = await outbox.ForCallAsync(callId, CancellationToken.None);

        await rig.Get<PasscodeSendService>().SendAsync(callId, Sms, CancellationToken.None);

        var pending = Assert.Single(during!);
        Assert.Equal((OutboxStatus.Pending, 1, PasscodeChannel.Sms), (pending.Status, pending.SendNumber, pending.Channel));
        Assert.Equal(rig.Sms.Sent[0].RequestId, pending.RequestId);
        var after = Assert.Single(await outbox.ForCallAsync(callId, CancellationToken.None));
        Assert.Equal((OutboxStatus.Sent, "accepted", "SM-fake"), (after.Status, after.Reason, after.ProviderMessageId));
    }

    [Fact]
    public async Task Only_a_keyed_hash_of_the_code_is_stored()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        await rig.Get<PasscodeSendService>().SendAsync(callId, Sms, CancellationToken.None);

        var code = Codes.In(rig.Sms.Sent[0].Text);
        var challenge = await rig.Get<PasscodeChallengeStore>().GetAsync(callId, CancellationToken.None);
        Assert.Equal(Convert.ToBase64String(rig.Get<StepUpKeyring>().HashPasscode(callId, account.AccountId, code)), challenge!.CodeHash);
        var stored = rig.Tables.GetTableClient(PasscodeChallengeStore.TableName).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == callId);
        var values = new List<object>();
        await foreach (var entity in stored)
        {
            values.AddRange(entity.Select(p => p.Value));
        }

        Assert.NotEmpty(values);
        Assert.DoesNotContain(code, string.Join("|", values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_send_inside_the_cool_down_is_refused_and_one_after_it_makes_a_new_code()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create());
        var service = rig.Get<PasscodeSendService>();
        await service.SendAsync(callId, Sms, CancellationToken.None);

        rig.Clock.Advance(TimeSpan.FromSeconds(59));
        var refused = await Assert.ThrowsAsync<ProblemException>(() => service.SendAsync(callId, Sms, CancellationToken.None));
        Assert.Equal((429, "otp-resend-cooldown"), (refused.Status, refused.Slug));
        Assert.Single(rig.Sms.Sent);

        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await service.SendAsync(callId, Sms, CancellationToken.None);
        Assert.Equal(2, second.SendNumber);
        Assert.NotEqual(Codes.In(rig.Sms.Sent[0].Text), Codes.In(rig.Sms.Sent[1].Text));
    }

    [Fact]
    public async Task A_send_with_an_unknown_outcome_is_never_repeated_and_holds_the_cool_down()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create());
        var service = rig.Get<PasscodeSendService>();
        rig.Sms.AnswerNext(SendResult.Unknown("timeout"));

        var response = await service.SendAsync(callId, Sms, CancellationToken.None);

        Assert.Equal("unknown", response.Delivery);
        Assert.Single(rig.Sms.Sent);
        var entry = Assert.Single(await rig.Get<PasscodeOutbox>().ForCallAsync(callId, CancellationToken.None));
        Assert.Equal((OutboxStatus.Unknown, "timeout"), (entry.Status, entry.Reason));
        await Assert.ThrowsAsync<ProblemException>(() => service.SendAsync(callId, Sms, CancellationToken.None));
        Assert.Single(rig.Sms.Sent);
    }

    [Fact]
    public async Task A_send_the_provider_refused_closes_its_code_and_may_be_asked_again_at_once()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);
        var service = rig.Get<PasscodeSendService>();
        rig.Sms.AnswerNext(SendResult.Failed("throttled"));

        var problem = await Assert.ThrowsAsync<ProblemException>(() => service.SendAsync(callId, Sms, CancellationToken.None));
        Assert.Equal((503, "passcode-sender-unavailable"), (problem.Status, problem.Slug));
        var challenge = await rig.Get<PasscodeChallengeStore>().GetAsync(callId, CancellationToken.None);
        Assert.Equal(PasscodeChallengeStatus.NotDelivered, challenge!.Status);

        Assert.Equal(2, (await service.SendAsync(callId, Sms, CancellationToken.None)).SendNumber);
    }

    [Fact]
    public async Task A_destination_the_provider_rejects_is_a_422_pointing_to_another_channel()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create());
        rig.Sms.AnswerNext(SendResult.Failed("not-sms-capable", destinationRejected: true));

        var problem = await Assert.ThrowsAsync<ProblemException>(() => rig.Get<PasscodeSendService>().SendAsync(callId, Sms, CancellationToken.None));

        Assert.Equal((422, "passcode-destination-rejected"), (problem.Status, problem.Slug));
    }

    [Fact]
    public async Task Sends_to_one_account_are_capped_per_hour_across_calls()
    {
        using var rig = StepUpRig.Create(new Dictionary<string, string?> { ["StepUp:Passcodes:MaxSendsPerDestinationPerHour"] = "50" });
        var account = TestAccount.Create();
        var service = rig.Get<PasscodeSendService>();
        for (var i = 0; i < 5; i++)
        {
            await service.SendAsync(await rig.SeedAsync(account), Sms, CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<ProblemException>(async () => await service.SendAsync(await rig.SeedAsync(account), Sms, CancellationToken.None));
        Assert.Equal((429, "otp-send-limit"), (refused.Status, refused.Slug));
        Assert.Equal(5, rig.Sms.Sent.Count);

        rig.Clock.Advance(TimeSpan.FromHours(1));
        await service.SendAsync(await rig.SeedAsync(account), Sms, CancellationToken.None);
        Assert.Equal(6, rig.Sms.Sent.Count);
    }

    [Fact]
    public async Task Sends_to_one_number_are_capped_per_hour_whatever_the_account()
    {
        using var rig = StepUpRig.Create();
        var shared = TestAccount.Create().Mobile;
        var service = rig.Get<PasscodeSendService>();
        for (var i = 0; i < 3; i++)
        {
            await service.SendAsync(await rig.SeedAsync(TestAccount.Create(mobile: shared)), Sms, CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<ProblemException>(async () =>
            await service.SendAsync(await rig.SeedAsync(TestAccount.Create(mobile: shared)), Sms, CancellationToken.None));
        Assert.Equal("otp-send-limit", refused.Slug);
        Assert.Equal(3, rig.Sms.Sent.Count);
    }

    [Fact]
    public async Task A_number_outside_the_country_allow_list_is_refused_before_anything_is_sent_or_counted()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create(mobile: "+442079460958");
        var callId = await rig.SeedAsync(account);

        var refused = await Assert.ThrowsAsync<ProblemException>(() => rig.Get<PasscodeSendService>().SendAsync(callId, Sms, CancellationToken.None));

        Assert.Equal((422, "sms-country-not-allowed"), (refused.Status, refused.Slug));
        Assert.Empty(rig.Sms.Sent);
        Assert.Empty(await rig.Get<PasscodeOutbox>().ForCallAsync(callId, CancellationToken.None));
        Assert.Contains((await rig.SessionAsync(callId)).Events, e => e.Kind == "auth.passcode.refused" && e.Detail!.Contains("country-not-allowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Email_goes_to_the_address_on_file_in_the_asked_language()
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account);

        var response = await rig.Get<PasscodeSendService>().SendAsync(callId, new(PasscodeChannel.Email, "es"), CancellationToken.None);

        var sent = Assert.Single(rig.Email.Sent);
        Assert.Equal(account.Email, sent.To);
        Assert.StartsWith("Su código", sent.Subject, StringComparison.Ordinal);
        Assert.Equal(account.Email[0] + "***@example.com", response.MaskedDestination);
    }

    [Theory]
    [InlineData(PasscodeChannel.Sms)]
    [InlineData(PasscodeChannel.Email)]
    public async Task Without_a_channel_on_file_nothing_is_sent(PasscodeChannel channel)
    {
        using var rig = StepUpRig.Create();
        var account = TestAccount.Create();
        var callId = await rig.SeedAsync(account with { Snapshot = account.Snapshot with { MobileE164 = null, Email = "not an address" } });

        var problem = await Assert.ThrowsAsync<ProblemException>(() => rig.Get<PasscodeSendService>().SendAsync(callId, new(channel), CancellationToken.None));

        Assert.Equal((422, "no-passcode-destination-on-file"), (problem.Status, problem.Slug));
        Assert.Empty(rig.Sms.Sent);
        Assert.Empty(rig.Email.Sent);
    }

    [Fact]
    public async Task Without_a_selected_account_nothing_is_sent()
    {
        using var rig = StepUpRig.Create();
        var callId = await rig.SeedAsync(TestAccount.Create(), select: false);

        var problem = await Assert.ThrowsAsync<ProblemException>(() => rig.Get<PasscodeSendService>().SendAsync(callId, Sms, CancellationToken.None));

        Assert.Equal(409, problem.Status);
        Assert.Empty(rig.Sms.Sent);
    }
}
