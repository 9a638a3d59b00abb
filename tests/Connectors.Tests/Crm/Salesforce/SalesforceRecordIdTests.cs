using Connectors.Core.Crm.Salesforce;
using Connectors.Simulators.Salesforce;

namespace Connectors.Tests.Crm.Salesforce;

public sealed class SalesforceRecordIdTests
{
    [Theory]
    [InlineData("001000000000000", "001000000000000AAA")]
    [InlineData("A0000A0000A0000", "A0000A0000A0000BBB")]
    [InlineData("AAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAA555")]
    [InlineData("0000B0000C0000D", "0000B0000C0000DQQQ")]
    public void The_suffix_encodes_which_of_the_fifteen_characters_are_upper_case(string id15, string id18)
    {
        Assert.Equal(id18, SalesforceRecordId.WithSuffix(id15));
        Assert.Equal(id18, SalesforceIdGenerator.WithSuffix(id15));
        Assert.True(SalesforceRecordId.IsValid(id18));
    }

    [Theory]
    [InlineData("001000000000000AAB")]
    [InlineData("00100000000000")]
    [InlineData("001000000000000AA")]
    [InlineData("001'000000000000AAA")]
    [InlineData("")]
    public void A_malformed_or_mistyped_id_is_not_valid(string id)
    {
        Assert.False(SalesforceRecordId.IsValid(id));
    }

    [Fact]
    public void Derived_ids_are_realistic_stable_for_a_key_and_distinct_between_keys()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => SalesforceRecordId.Derive("Task", "key-" + i)).ToList();

        Assert.All(ids, id =>
        {
            Assert.Equal(18, id.Length);
            Assert.StartsWith("00T", id, StringComparison.Ordinal);
            Assert.True(SalesforceRecordId.IsValid(id));
        });
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(ids[7], SalesforceRecordId.Derive("Task", "key-7"));
        Assert.StartsWith("a0", SalesforceRecordId.Derive("Call_Note__c", "key-7"), StringComparison.Ordinal);
    }
}
