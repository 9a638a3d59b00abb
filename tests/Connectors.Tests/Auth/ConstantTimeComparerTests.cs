using Connectors.Core.Auth;

namespace Connectors.Tests.Auth;

public sealed class ConstantTimeComparerTests
{
    [Theory]
    [InlineData("4242", "4242", true)]
    [InlineData("4242", "4243", false)]
    [InlineData("4242", "424", false)]
    [InlineData("4242", "42420", false)]
    [InlineData("", "", true)]
    [InlineData("94105", "94105 ", false)]
    public void Strings_are_equal_only_when_ordinally_identical(string expected, string presented, bool equal) =>
        Assert.Equal(equal, ConstantTimeComparer.Equal(expected, presented));

    [Fact]
    public void Null_equals_nothing_not_even_null_or_empty()
    {
        Assert.False(ConstantTimeComparer.Equal(null, null));
        Assert.False(ConstantTimeComparer.Equal(null, string.Empty));
        Assert.False(ConstantTimeComparer.Equal(string.Empty, null));
    }

    [Fact]
    public void Digests_compare_bytewise()
    {
        Assert.True(ConstantTimeComparer.EqualBytes(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));
        Assert.False(ConstantTimeComparer.EqualBytes(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 4 }));
        Assert.False(ConstantTimeComparer.EqualBytes(new byte[] { 1, 2, 3 }, new byte[] { 1, 2 }));
    }
}
