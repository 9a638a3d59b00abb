using Connectors.Core.Crm;

namespace Connectors.Tests.Crm;

public sealed class IdempotencyKeyTests
{
    [Fact]
    public void The_same_write_of_the_same_call_always_carries_the_same_key()
    {
        Assert.Equal(IdempotencyKey.For("CA123", "disposition"), IdempotencyKey.For("CA123", "disposition"));
        Assert.Matches("^[0-9a-f]{64}$", IdempotencyKey.For("CA123", "disposition"));
    }

    [Fact]
    public void Different_calls_or_writes_never_share_a_key()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var call = 0; call < 200; call++)
        {
            foreach (var write in new[] { "disposition", "transcript", "note" })
            {
                Assert.True(keys.Add(IdempotencyKey.For($"call-{call}", write)));
            }
        }

        // The separator keeps ("ab","c") and ("a","bc") apart.
        Assert.NotEqual(IdempotencyKey.For("ab", "c"), IdempotencyKey.For("a", "bc"));
    }
}
