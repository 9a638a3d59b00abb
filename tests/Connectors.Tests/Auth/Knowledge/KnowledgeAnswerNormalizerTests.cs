using Connectors.Core.Auth.Knowledge;

namespace Connectors.Tests.Auth.Knowledge;

public sealed class KnowledgeAnswerNormalizerTests
{
    [Theory]
    [InlineData("4242", "4242")]
    [InlineData(" 4 2 4 2 ", "4242")]
    [InlineData("42-42", "4242")]
    [InlineData("424", null)]
    [InlineData("42424", null)]
    [InlineData("4242424242424242", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_spoken_last_four_is_digits_only_and_exactly_four(string? raw, string? expected) =>
        Assert.Equal(expected, KnowledgeAnswerNormalizer.LastFourAnswer(raw));

    [Theory]
    [InlineData("**** 4242", "4242")]
    [InlineData("4242", "4242")]
    [InlineData("xxxx-xxxx-xxxx-4242", "4242")]
    [InlineData("12", null)]
    public void The_last_four_on_file_is_its_last_four_digits(string raw, string? expected) =>
        Assert.Equal(expected, KnowledgeAnswerNormalizer.LastFourOnFile(raw));

    [Theory]
    [InlineData("94105", "94105")]
    [InlineData("94105-1234", "94105")]
    [InlineData("941051234", "94105")]
    [InlineData(" 94105 ", "94105")]
    [InlineData("sw1a 1aa", "SW1A1AA")]
    [InlineData("K1A 0B1", "K1A0B1")]
    [InlineData("12", null)]
    [InlineData("  ", null)]
    public void A_postal_code_is_compared_as_the_first_five_of_a_zip_or_whole_elsewhere(string raw, string? expected) =>
        Assert.Equal(expected, KnowledgeAnswerNormalizer.PostalCode(raw));

    [Theory]
    [InlineData("1984-07-19", "1984-07-19")]
    [InlineData("19840719", "1984-07-19")]
    [InlineData("1984-07-19T00:00:00Z", "1984-07-19")]
    [InlineData("1984-07-19T23:30:00-08:00", "1984-07-19")]
    [InlineData("07/19/1984", null)]
    [InlineData("1984-02-30", null)]
    [InlineData("", null)]
    public void A_date_of_birth_is_compared_as_an_iso_date(string raw, string? expected) =>
        Assert.Equal(expected, KnowledgeAnswerNormalizer.DateOfBirth(raw));
}
