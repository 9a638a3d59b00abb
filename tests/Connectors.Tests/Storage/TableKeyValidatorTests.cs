using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

public sealed class TableKeyValidatorTests
{
    /// <summary>The documented rule, spelled out: / \ # ? and the control ranges U+0000–U+001F and U+007F–U+009F.</summary>
    private static bool ForbiddenBySpec(char c) => c is '/' or '\\' or '#' or '?' || c <= '\u001F' || (c >= '\u007F' && c <= '\u009F');

    [Fact]
    public void Every_character_is_refused_in_a_key_exactly_when_the_service_forbids_it()
    {
        var refused = new List<char>();
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var c = (char)code;
            try
            {
                TableKeyValidator.ValidateKey("RowKey", "a" + c + "b");
            }
            catch (TableStorageException ex) when (ex.ErrorCode == TableKeyValidator.InvalidKey)
            {
                refused.Add(c);
            }
        }

        Assert.Equal(Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(ForbiddenBySpec), refused);
        Assert.Equal(4 + 32 + 33, refused.Count);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("tables")]
    [InlineData("with-dash")]
    public void A_table_name_the_service_would_refuse_is_refused_saying_what_a_name_may_hold(string table)
    {
        var error = Assert.Throws<TableStorageException>(() => TableKeyValidator.ValidateTableName(table));

        Assert.Equal(TableKeyValidator.InvalidTableName, error.ErrorCode);
        Assert.Contains("3 to 63 letters or digits", error.Message, StringComparison.Ordinal);
    }
}
