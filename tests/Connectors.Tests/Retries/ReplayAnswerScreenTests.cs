using System.Text;
using Connectors.Core.Retries;

namespace Connectors.Tests.Retries;

public sealed class ReplayAnswerScreenTests
{
    [Theory]
    [InlineData("{\"status\":\"sent\",\"maskedDestination\":\"***0101\",\"sendNumber\":\"1\"}", true)]
    [InlineData("{\"outcome\":\"failed\",\"level\":\"none\",\"attemptsRemaining\":\"2\"}", true)]
    [InlineData("{\"status\":\"appended\",\"note\":\"card 4242 4242 4242 4242\"}", false)]
    [InlineData("{\"status\":\"transferred\",\"baton_url\":\"https://x/api/batons/abc/view\"}", false)]
    [InlineData("{\"code\":\"123456\"}", false)]
    [InlineData("{\"nested\":{\"lastFour\":\"4242\"}}", false)]
    [InlineData("not json", false)]
    public void Only_an_answer_free_of_codes_tokens_knowledge_and_card_numbers_is_stored(string json, bool stored) =>
        Assert.Equal(stored, ReplayAnswerScreen.MayStore(Encoding.UTF8.GetBytes(json)));
}
