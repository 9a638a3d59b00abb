using Connectors.Core.Calls;
using Connectors.Core.Http;

namespace Connectors.Tests.Calls;

public sealed class CallSessionOpenerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_connect_records_the_call_in_e164_and_queues_the_caller_lookup_as_generation_one()
    {
        var session = CallSessionOpener.NewSession("CA1", new ConnectCallRequest("Twilio", "(415) 555-2671", "1-800-555-1212", "12 34#", DryRun: true), "1", Now);

        Assert.Equal("twilio", session.Platform);
        Assert.Equal("+14155552671", session.CallerE164);
        Assert.Equal("+18005551212", session.DialledE164);
        Assert.Equal("1234", session.IvrAccountNumber);
        Assert.True(session.DryRun);
        Assert.Equal(Now, session.ConnectedAt);
        Assert.Equal(CallerMatch.Pending, session.Match);
        Assert.Equal(new AccountFetch { Generation = 1, Kind = AccountFetchKind.CallerLookup, RequestedAt = Now }, session.Fetch);
        Assert.Equal([CallEventKinds.Connected, CallEventKinds.LookupRequested], session.Events.Select(e => e.Kind));
    }

    [Fact]
    public void A_national_number_is_read_in_the_configured_country()
    {
        var session = CallSessionOpener.NewSession("CA1", new ConnectCallRequest("webhook", "020 7946 0958"), "44", Now);

        Assert.Equal("+442079460958", session.CallerE164);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("ANONYMOUS")]
    [InlineData("private")]
    [InlineData("Unavailable")]
    [InlineData("  ")]
    [InlineData("+7378742833")]
    [InlineData("+2562533")]
    public void A_withheld_caller_id_is_no_number(string raw)
    {
        Assert.True(CallerNumbers.IsWithheld(raw));
        Assert.Null(CallSessionOpener.NewSession("CA1", new ConnectCallRequest("twilio", raw), "1", Now).CallerE164);
    }

    [Theory]
    [InlineData("555-CALL-NOW")]
    [InlineData("+1234567890")]
    public void A_dialled_number_that_is_no_phone_number_is_ignored_not_a_400(string dialled)
    {
        var session = CallSessionOpener.NewSession("CA1", new ConnectCallRequest("twilio", "+14155552671", DialledNumber: dialled), "1", Now);

        Assert.Null(session.DialledE164);
        Assert.Equal("+14155552671", session.CallerE164);
    }

    [Theory]
    [InlineData("platform", "teams", "invalid-platform")]
    [InlineData("platform", null, "invalid-platform")]
    [InlineData("callerNumber", "+1415555267", "invalid-phone-number")]
    [InlineData("ivrDigits", "12a4", "invalid-ivr-digits")]
    [InlineData("ivrDigits", "123456789012345678901234567890123", "invalid-ivr-digits")]
    public void What_cannot_be_read_is_a_400_naming_the_field(string field, string? value, string slug)
    {
        var request = field switch
        {
            "platform" => new ConnectCallRequest(value),
            "callerNumber" => new ConnectCallRequest("twilio", CallerNumber: value),
            "dialledNumber" => new ConnectCallRequest("twilio", DialledNumber: value),
            _ => new ConnectCallRequest("twilio", IvrDigits: value),
        };

        var problem = Assert.Throws<ProblemException>(() => CallSessionOpener.NewSession("CA1", request, "1", Now));

        Assert.Equal(400, problem.Status);
        Assert.Equal(slug, problem.Slug);
        Assert.Contains(field, problem.Message, StringComparison.Ordinal);
    }
}
