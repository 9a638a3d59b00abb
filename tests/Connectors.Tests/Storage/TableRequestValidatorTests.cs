using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

public sealed class TableRequestValidatorTests
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
                TableRequestValidator.ValidateKey("RowKey", "a" + c + "b");
            }
            catch (TableStorageException)
            {
                refused.Add(c);
            }
        }

        Assert.Equal(Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(ForbiddenBySpec), refused);
        Assert.Equal(4 + 32 + 33, refused.Count);
    }

    [Fact]
    public void Generated_entities_are_refused_only_for_a_rule_they_break()
    {
        var random = new Random(20261121);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 400; i++)
        {
            var entity = new TableEntity("p", "r");
            var properties = random.Next(2) == 0 ? random.Next(245, 260) : random.Next(0, 60);
            var large = Math.Min(properties, random.Next(0, 40));
            var oversize = random.Next(100) < 15 && properties > 0;
            var longest = 0;
            for (var p = 0; p < properties; p++)
            {
                var length = oversize && p == properties - 1 ? random.Next(32_769, 33_000) : p < large ? random.Next(20_000, 32_769) : random.Next(0, 50);
                longest = Math.Max(longest, length);
                entity["P" + p] = new string('v', length);
            }

            var error = Record.Exception(() => TableRequestValidator.ValidateEntity(entity));

            var expected = longest > TableRequestValidator.MaxStringCharacters ? TableRequestValidator.PropertyValueTooLarge
                : properties > 252 ? TableRequestValidator.TooManyProperties
                : Size(entity) > TableRequestValidator.MaxEntityBytes ? TableRequestValidator.EntityTooLarge
                : null;
            Assert.Equal(expected, (error as TableStorageException)?.ErrorCode);
            outcomes[expected ?? "accepted"] = outcomes.GetValueOrDefault(expected ?? "accepted") + 1;
        }

        // The generator must keep reaching every outcome, or the test proves less than its name says.
        Assert.All(["accepted", TableRequestValidator.PropertyValueTooLarge, TableRequestValidator.TooManyProperties, TableRequestValidator.EntityTooLarge],
            outcome => Assert.True(outcomes.GetValueOrDefault(outcome) >= 20, $"{outcome}: {outcomes.GetValueOrDefault(outcome)} cases"));
    }

    /// <summary>The documented formula: 4 + 2·len(keys) + Σ(8 + 2·len(name) + value), Timestamp included.</summary>
    private static long Size(TableEntity entity) =>
        4 + (2L * (entity.PartitionKey.Length + entity.RowKey.Length)) + (8 + 18 + 8)
        + entity.Properties.Sum(p => 8 + (2L * p.Key.Length) + 4 + (2L * ((string)p.Value!).Length));
}
