using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

/// <summary>
/// What the client refuses before sending, shown against Azurite: the refused write leaves nothing behind,
/// including where Azurite itself would have accepted it (oversize entities, too many properties,
/// cross-partition transactions), and the largest allowed values are accepted by the emulator.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRestClientValidationTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TableRestClient _client = azurite.Client;

    public static TheoryData<string> ForbiddenKeys => new() { "a/b", "a\\b", "a#b", "a?b", "a\u0000b", "tab\there", "line\nbreak", "del\u007F", "c1\u0085", "c1\u009F" };

    [Theory]
    [MemberData(nameof(ForbiddenKeys))]
    public async Task A_key_with_a_forbidden_character_is_refused_before_sending(string key)
    {
        var table = await azurite.CreateTableAsync("BadKey");

        var asRowKey = await Assert.ThrowsAsync<TableStorageException>(() => _client.AddAsync(table, new TableEntity("p", key), None));
        var asPartitionKey = await Assert.ThrowsAsync<TableStorageException>(() => _client.UpsertAsync(table, new TableEntity(key, "r"), TableUpdateMode.Replace, None));
        var onRead = await Assert.ThrowsAsync<TableStorageException>(() => _client.GetAsync(table, "p", key, None));

        Assert.All([asRowKey, asPartitionKey, onRead], e => Assert.Equal((0, TableRequestValidator.InvalidKey), (e.Status, e.ErrorCode)));
        Assert.Contains("may not hold", asRowKey.Message, StringComparison.Ordinal);
        Assert.Empty((await _client.QueryPartitionAsync(table, "p", null, null, None)).Entities);
    }

    [Fact]
    public async Task A_key_over_1_KiB_is_refused_and_one_of_exactly_1_KiB_is_stored()
    {
        var table = await azurite.CreateTableAsync("LongKey");
        var longest = new string('k', TableRequestValidator.MaxKeyCharacters);

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.AddAsync(table, new TableEntity("p", longest + "k"), None));
        var stored = await _client.AddAsync(table, new TableEntity(longest, longest), None);

        Assert.Equal(TableRequestValidator.InvalidKey, error.ErrorCode);
        Assert.Contains("1 KiB", error.Message, StringComparison.Ordinal);
        Assert.True(stored.Succeeded);
        Assert.NotNull(await _client.GetAsync(table, longest, longest, None));
    }

    [Fact]
    public async Task A_string_property_over_64_KiB_is_refused_and_one_of_exactly_64_KiB_is_stored()
    {
        var table = await azurite.CreateTableAsync("BigString");
        var largest = new string('s', TableRequestValidator.MaxStringCharacters);

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.AddAsync(table, new TableEntity("p", "over") { ["S"] = largest + "s" }, None));
        var stored = await _client.AddAsync(table, new TableEntity("p", "max") { ["S"] = largest }, None);

        Assert.Equal(TableRequestValidator.PropertyValueTooLarge, error.ErrorCode);
        Assert.Contains("'S'", error.Message, StringComparison.Ordinal);
        Assert.True(stored.Succeeded);
        Assert.Null(await _client.GetAsync(table, "p", "over", None));
        Assert.Equal(largest, (await _client.GetAsync(table, "p", "max", None))!["S"]);
    }

    [Fact]
    public async Task A_binary_property_over_64_KiB_is_refused()
    {
        var table = await azurite.CreateTableAsync("BigBinary");

        var error = await Assert.ThrowsAsync<TableStorageException>(() =>
            _client.AddAsync(table, new TableEntity("p", "r") { ["B"] = new byte[TableRequestValidator.MaxBinaryBytes + 1] }, None));
        var stored = await _client.AddAsync(table, new TableEntity("p", "max") { ["B"] = new byte[TableRequestValidator.MaxBinaryBytes] }, None);

        Assert.Equal(TableRequestValidator.PropertyValueTooLarge, error.ErrorCode);
        Assert.True(stored.Succeeded);
        Assert.Null(await _client.GetAsync(table, "p", "r", None));
    }

    [Fact]
    public async Task An_entity_over_1_MiB_is_refused_though_azurite_would_store_it()
    {
        var table = await azurite.CreateTableAsync("BigEntity");
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity["S" + i] = new string('e', 32_000);
        }

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.UpsertAsync(table, entity, TableUpdateMode.Replace, None));

        Assert.Equal(TableRequestValidator.EntityTooLarge, error.ErrorCode);
        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
        Assert.Null(await _client.GetAsync(table, "p", "r", None));
    }

    [Fact]
    public async Task More_than_252_custom_properties_are_refused_and_252_are_stored()
    {
        var table = await azurite.CreateTableAsync("Props");
        var full = new TableEntity("p", "full");
        for (var i = 0; i < 252; i++)
        {
            full["P" + i] = i;
        }

        var over = new TableEntity("p", "over");
        foreach (var (name, value) in full.Properties)
        {
            over[name] = value;
        }

        over["OneTooMany"] = 1;

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.AddAsync(table, over, None));
        var stored = await _client.AddAsync(table, full, None);

        Assert.Equal(TableRequestValidator.TooManyProperties, error.ErrorCode);
        Assert.True(stored.Succeeded);
        Assert.Equal(252, (await _client.GetAsync(table, "p", "full", None))!.Properties.Count);
        Assert.Null(await _client.GetAsync(table, "p", "over", None));
    }

    [Theory]
    [InlineData("has-dash")]
    [InlineData("1digitFirst")]
    [InlineData("PartitionKey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    [InlineData("")]
    public async Task A_property_name_the_service_would_refuse_or_misread_is_refused(string name)
    {
        var table = await azurite.CreateTableAsync("PropName");

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.AddAsync(table, new TableEntity("p", "r") { [name] = "v" }, None));

        Assert.Equal(TableRequestValidator.InvalidPropertyName, error.ErrorCode);
        Assert.Null(await _client.GetAsync(table, "p", "r", None));
    }

    [Fact]
    public async Task A_value_of_a_type_table_storage_cannot_hold_is_refused()
    {
        var table = await azurite.CreateTableAsync("PropType");

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.AddAsync(table, new TableEntity("p", "r") { ["D"] = 1.5m }, None));

        Assert.Equal(TableRequestValidator.UnsupportedPropertyType, error.ErrorCode);
        Assert.Contains("Decimal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_over_100_operations_is_refused_and_one_of_100_is_applied()
    {
        var table = await azurite.CreateTableAsync("BatchSize");
        List<TableTransactionAction> Adds(int count) =>
            Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r" + i))).ToList();

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.SubmitTransactionAsync(table, Adds(101), None));
        var applied = await _client.SubmitTransactionAsync(table, Adds(100), None);

        Assert.Equal(TableRequestValidator.InvalidTransaction, error.ErrorCode);
        Assert.True(applied.Succeeded);
        Assert.Equal(100, (await _client.QueryPartitionAsync(table, "p", null, null, None)).Entities.Count);
    }

    [Fact]
    public async Task A_transaction_across_partitions_is_refused_though_azurite_would_apply_it()
    {
        var table = await azurite.CreateTableAsync("BatchPart");

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.SubmitTransactionAsync(table,
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        ], None));

        Assert.Equal(TableRequestValidator.InvalidTransaction, error.ErrorCode);
        Assert.Contains("partition", error.Message, StringComparison.Ordinal);
        Assert.Null(await _client.GetAsync(table, "p1", "r", None));
    }

    [Fact]
    public async Task A_transaction_touching_one_entity_twice_or_holding_nothing_is_refused()
    {
        var table = await azurite.CreateTableAsync("BatchDup");

        var twice = await Assert.ThrowsAsync<TableStorageException>(() => _client.SubmitTransactionAsync(table,
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "r")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "r") { ["V"] = 1 }),
        ], None));
        var empty = await Assert.ThrowsAsync<TableStorageException>(() => _client.SubmitTransactionAsync(table, [], None));

        Assert.Equal(TableRequestValidator.InvalidTransaction, twice.ErrorCode);
        Assert.Equal(TableRequestValidator.InvalidTransaction, empty.ErrorCode);
        Assert.Null(await _client.GetAsync(table, "p", "r", None));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("has_underscore")]
    [InlineData("tables")]
    public async Task An_invalid_table_name_is_refused_before_sending(string table)
    {
        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.CreateTableIfNotExistsAsync(table, None));

        Assert.Equal((0, TableRequestValidator.InvalidTableName), (error.Status, error.ErrorCode));
    }
}
