using Connectors.Core.Baton;

namespace Connectors.Tests.Baton;

/// <summary>What a transfer hands to platforms without attributes and to the agent page: the whisper line, the SIP headers, the CRM link.</summary>
public sealed class BatonHandOffTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 42, 0, TimeSpan.Zero);

    [Fact]
    public void The_whisper_line_names_the_intent_the_amount_and_the_proof()
    {
        var view = View() with
        {
            Intent = "billing dispute",
            Amounts = [new BatonAmount(59m, "USD", "duplicate charge")],
            VerificationMethods = ["smsPasscode"],
        };

        Assert.Equal("Billing dispute, $59 duplicate charge, verified by passcode", BatonWhisper.For(view));
    }

    [Fact]
    public void The_whisper_line_never_passes_20_words()
    {
        var view = View() with { Intent = string.Join(' ', Enumerable.Repeat("word", 30)), VerificationMethods = ["knowledgeCheck"] };

        Assert.Equal(BatonWhisper.MaxWords, BatonWhisper.For(view).Split(' ').Length);
    }

    [Fact]
    public void The_sip_headers_carry_the_token_within_256_bytes_each()
    {
        var token = BatonToken.New();

        var headers = BatonSipHeaders.For(token);

        Assert.Equal(token, headers[BatonSipHeaders.BatonHeader]);
        Assert.StartsWith(Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(token)), headers[BatonSipHeaders.UserToUserHeader], StringComparison.Ordinal);
        Assert.All(headers, h => Assert.True($"{h.Key}: {h.Value}".Length <= BatonSipHeaders.MaxHeaderBytes));
    }

    [Theory]
    [InlineData("Contact", "003000000000001AAA", "https://acme.lightning.force.com/lightning/r/Contact/003000000000001AAA/view")]
    [InlineData("ticket", "4711", "https://acme.zendesk.com/agent/tickets/4711")]
    [InlineData("Contact", "not an id", null)]
    [InlineData("ticket", "12; drop", null)]
    public void The_crm_record_is_a_link_into_the_configured_console(string type, string id, string? expected)
    {
        var options = new BatonOptions { SalesforceLightningUrl = new Uri("https://acme.lightning.force.com"), ZendeskAgentUrl = new Uri("https://acme.zendesk.com") };

        var link = BatonCrmLinks.For(View() with { CrmRecordType = type, CrmRecordId = id }, options);

        Assert.Equal(expected, link?.AbsoluteUri);
    }

    [Fact]
    public void Without_a_configured_console_address_there_is_no_link() =>
        Assert.Null(BatonCrmLinks.For(View() with { CrmRecordType = "ticket", CrmRecordId = "4711" }, new BatonOptions()));

    private static BatonView View() => new()
    {
        CallId = "c-1",
        Version = 1,
        Reason = "billing-dispute",
        Target = "billing",
        VerificationLevel = "none",
        SealedAt = Now,
        ExpiresAt = Now.AddHours(2),
    };
}
