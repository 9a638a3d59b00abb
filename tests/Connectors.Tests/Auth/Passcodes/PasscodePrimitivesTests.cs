using Connectors.Core.Auth.Passcodes;
using Connectors.Core.Calls;

namespace Connectors.Tests.Auth.Passcodes;

public sealed class PasscodePrimitivesTests
{
    [Fact]
    public void Codes_are_six_digits_spread_over_the_whole_range_leading_zeros_included()
    {
        var codes = Enumerable.Range(0, 20_000).Select(_ => PasscodeGenerator.NewCode()).ToList();

        Assert.All(codes, c => Assert.Matches("^[0-9]{6}$", c));
        // Each leading digit should show up about 2,000 times; a broken generator (or one without leading zeros) would not.
        var byFirstDigit = codes.GroupBy(c => c[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, byFirstDigit.Count);
        Assert.All(byFirstDigit.Values, count => Assert.InRange(count, 1_500, 2_500));
        Assert.True(codes.Distinct().Count() > 19_000, "codes repeat far more than chance allows");
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12a456", null)]
    [InlineData(null, null)]
    public void An_entered_code_is_six_digits_after_spaces_and_dashes_are_dropped(string? entered, string? expected) =>
        Assert.Equal(expected, PasscodeGenerator.Normalize(entered));

    [Theory]
    [InlineData("+14155550142", "***0142")]
    [InlineData("+442079460958", "***0958")]
    public void A_phone_destination_shows_only_its_last_four(string e164, string masked) =>
        Assert.Equal(masked, DestinationMasker.Phone(PhoneNumber.Parse(e164, "1")));

    [Theory]
    [InlineData("jordan.rivera@example.com", "j***@example.com")]
    [InlineData("a@b.example", "a***@b.example")]
    [InlineData("no-at-sign", "***")]
    public void An_email_destination_shows_its_first_letter_and_domain(string address, string masked) =>
        Assert.Equal(masked, DestinationMasker.Email(address));

    [Theory]
    [InlineData("+14155550142", new[] { "1" }, true)]
    [InlineData("+442079460958", new[] { "1" }, false)]
    [InlineData("+442079460958", new[] { "1", "44" }, true)]
    [InlineData("+18765550123", new[] { "1415", "1212" }, false)]
    [InlineData("+14155550142", new[] { "1415", "1212" }, true)]
    [InlineData("+14155550142", new[] { "US" }, true)]
    [InlineData("+18765550123", new[] { "US", "CA" }, false)]
    [InlineData("+18765550123", new[] { "1" }, true)]
    [InlineData("+16135550123", new[] { "US", "CA" }, true)]
    [InlineData("+442079460958", new[] { "us", "gb" }, true)]
    public void Sms_goes_only_under_an_allowed_prefix(string e164, string[] allowList, bool allowed) =>
        Assert.Equal(allowed, SmsCountryAllowList.Allows(allowList, PhoneNumber.Parse(e164, "1")));
}
