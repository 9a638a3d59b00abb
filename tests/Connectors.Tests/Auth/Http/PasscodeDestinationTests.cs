using System.Net;
using Connectors.Core.Auth.Senders;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Http;

/// <summary>A send to a channel the account does not hold is refused in words a person can read.</summary>
public sealed class PasscodeDestinationTests : IClassFixture<TwilioStepUpHostFixture>
{
    private readonly StepUpHost _host;

    public PasscodeDestinationTests(TwilioStepUpHostFixture fixture)
    {
        _host = fixture.Host;
    }

    [Theory]
    [InlineData("sms", "no usable mobile number on file")]
    [InlineData("email", "no usable email address on file")]
    public async Task A_send_to_a_channel_not_on_file_says_which_channel_is_missing(string channel, string says)
    {
        var account = TestAccount.Create();
        var bare = account with { Snapshot = account.Snapshot with { MobileE164 = null, Email = null } };
        var callId = await _host.SeedCallAsync(bare);

        using var response = await _host.PostAsync($"/api/calls/{callId}/auth/otp", new { channel });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "no-passcode-destination-on-file");
        Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
