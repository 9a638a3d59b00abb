using Connectors.Core.Calls;

namespace Connectors.Tests.Calls;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+14155552671", "1", "+14155552671", "4155552671")]
    [InlineData("(415) 555-2671", "1", "+14155552671", "4155552671")]
    [InlineData("1-415-555-2671", "1", "+14155552671", "4155552671")]
    [InlineData("011 44 20 7946 0958", "1", "+442079460958", "2079460958")]
    [InlineData("+44 20 7946 0958", "1", "+442079460958", "2079460958")]
    [InlineData("020 7946 0958", "44", "+442079460958", "2079460958")]
    [InlineData("0044 20 7946 0958", "1", "+442079460958", "2079460958")]
    [InlineData("+353 1 234 5678", "1", "+35312345678", "12345678")]
    [InlineData("415.555.2671", "1", "+14155552671", "4155552671")]
    [InlineData("(0)20 7946 0958", "44", "+442079460958", "2079460958")]
    [InlineData("07911 123456", "44", "+447911123456", "7911123456")]
    [InlineData("01 234 5678", "353", "+35312345678", "12345678")]
    [InlineData("030 123456", "49", "+4930123456", "30123456")]
    [InlineData("06 12 34 56 78", "33", "+33612345678", "612345678")]
    public void Numbers_platforms_send_normalise_to_E164(string raw, string defaultCountry, string e164, string national)
    {
        Assert.True(PhoneNumber.TryParse(raw, defaultCountry, out var number, out var error), error);
        Assert.Equal(e164, number.E164);
        Assert.Equal(national, number.NationalDigits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("anonymous")]
    [InlineData("+1415555267")]
    [InlineData("+1 015 555 2671")]
    [InlineData("+0123456789")]
    [InlineData("415-555-2671 ext 12")]
    [InlineData("+1234567890123456")]
    [InlineData("555-2671")]
    [InlineData("4155552671+")]
    [InlineData("+1 415 155 2671")]
    [InlineData("+44 20 7946")]
    [InlineData("+999 1234 5678")]
    [InlineData("1-800-FLOWERS")]
    [InlineData("020 7946 0958")]
    public void What_is_not_a_phone_number_is_refused_with_a_reason(string raw)
    {
        Assert.False(PhoneNumber.TryParse(raw, "1", out var number, out var error));
        Assert.Null(number);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("+14155552671", "US")]
    [InlineData("+16135550123", "CA")]
    [InlineData("+18765550123", "JM")]
    [InlineData("+442079460958", "GB")]
    public void A_number_knows_its_region_by_the_numbering_plan_not_only_its_calling_code(string e164, string region) =>
        Assert.Equal(region, PhoneNumber.Parse(e164, "1").Region);

    [Fact]
    public void Masking_keeps_only_the_last_four_digits()
    {
        var number = PhoneNumber.Parse("+14155552671", "1");
        Assert.Equal("***2671", number.Masked);
        Assert.DoesNotContain("415555", number.Masked, StringComparison.Ordinal);
    }
}
