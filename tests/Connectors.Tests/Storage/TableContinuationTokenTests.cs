using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

public sealed class TableContinuationTokenTests
{
    [Theory]
    [InlineData("1!8!cGFydA--", "1!12!cm93LjAwMQ--")]
    [InlineData("a.b.c", "with.dots and spaces")]
    [InlineData("only-partition", null)]
    [InlineData(null, "only-row")]
    public void The_two_continuation_values_survive_one_opaque_token(string? nextPartitionKey, string? nextRowKey)
    {
        var token = TableContinuationToken.Combine(nextPartitionKey, nextRowKey);

        Assert.NotNull(token);
        Assert.Equal((nextPartitionKey, nextRowKey), TableContinuationToken.Split(token));
    }

    [Fact]
    public void No_continuation_values_means_no_token()
    {
        Assert.Null(TableContinuationToken.Combine(null, null));
        Assert.Null(TableContinuationToken.Combine("", ""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nodot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void A_token_this_client_did_not_make_is_refused(string token)
    {
        var error = Assert.Throws<TableStorageException>(() => TableContinuationToken.Split(token));

        Assert.Equal(TableRequestValidator.InvalidContinuationToken, error.ErrorCode);
    }
}
