using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

/// <summary>The port's contract, held by the REST client against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRestClientContractTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TableRestClient _client = azurite.Client;

    [Fact]
    public async Task An_added_entity_reads_back_with_every_value_as_the_type_it_was_written_as()
    {
        var table = await azurite.CreateTableAsync("Types");
        var when = new DateTimeOffset(2026, 11, 21, 9, 30, 15, TimeSpan.Zero).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "héllo <wörld> \"quoted\"",
            ["Flag"] = true,
            ["Small"] = 42,
            ["Big"] = 9_007_199_254_740_993L,
            ["Ratio"] = 2.5,
            ["Whole"] = 3.0,
            ["NotANumber"] = double.NaN,
            ["Infinite"] = double.NegativeInfinity,
            ["At"] = when,
            ["LocalAt"] = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 2, 250, 255 },
            ["Nothing"] = null,
        };

        var added = await _client.AddAsync(table, entity, None);
        var read = await _client.GetAsync(table, "p", "r", None);

        Assert.True(added.Succeeded);
        Assert.NotNull(read);
        Assert.Equal(added.ETag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("héllo <wörld> \"quoted\"", read["Text"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(42, read["Small"]);
        Assert.Equal(9_007_199_254_740_993L, read["Big"]);
        Assert.Equal(2.5, read["Ratio"]);
        Assert.Equal(3.0, read.GetDouble("Whole"));
        Assert.Equal(double.NaN, read["NotANumber"]);
        Assert.Equal(double.NegativeInfinity, read["Infinite"]);
        Assert.Equal(when, read["At"]);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), read["LocalAt"]);
        Assert.Equal(id, read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, read["Bytes"]);
        Assert.False(read.Properties.ContainsKey("Nothing"));
    }

    [Fact]
    public async Task A_missing_entity_reads_as_null_but_a_missing_table_throws_404()
    {
        var table = await azurite.CreateTableAsync("Missing");

        Assert.Null(await _client.GetAsync(table, "p", "nobody", None));
        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.GetAsync("NoSuchTable" + Guid.NewGuid().ToString("N")[..8], "p", "r", None));
        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Creating_a_table_that_exists_is_not_an_error()
    {
        var table = await azurite.CreateTableAsync("Twice");

        await _client.CreateTableIfNotExistsAsync(table, None);

        Assert.True((await _client.AddAsync(table, new TableEntity("p", "r"), None)).Succeeded);
    }

    [Fact]
    public async Task A_second_add_under_the_same_key_is_a_conflict_and_keeps_the_first()
    {
        var table = await azurite.CreateTableAsync("Conflict");
        await _client.AddAsync(table, new TableEntity("p", "r") { ["V"] = "first" }, None);

        var second = await _client.AddAsync(table, new TableEntity("p", "r") { ["V"] = "second" }, None);

        Assert.Equal(TableWriteStatus.Conflict, second.Status);
        Assert.Equal("first", (await _client.GetAsync(table, "p", "r", None))!["V"]);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_refused_with_412_and_the_newer_write_stays()
    {
        var table = await azurite.CreateTableAsync("Stale");
        var original = await _client.AddAsync(table, new TableEntity("p", "r") { ["V"] = 1 }, None);
        var newer = await _client.UpdateAsync(table, new TableEntity("p", "r") { ["V"] = 2 }, original.ETag!, TableUpdateMode.Replace, None);

        var stale = await _client.UpdateAsync(table, new TableEntity("p", "r") { ["V"] = 3 }, original.ETag!, TableUpdateMode.Replace, None);

        Assert.True(newer.Succeeded);
        Assert.NotEqual(original.ETag, newer.ETag);
        Assert.Equal(TableWriteStatus.PreconditionFailed, stale.Status);
        var read = await _client.GetAsync(table, "p", "r", None);
        Assert.Equal(2, read!["V"]);
        Assert.Equal(newer.ETag, read.ETag);
    }

    [Fact]
    public async Task Replace_drops_the_properties_it_does_not_name_and_merge_keeps_them()
    {
        var table = await azurite.CreateTableAsync("Modes");
        var added = await _client.AddAsync(table, new TableEntity("p", "replaced") { ["A"] = "a", ["B"] = "b" }, None);
        await _client.AddAsync(table, new TableEntity("p", "merged") { ["A"] = "a", ["B"] = "b" }, None);

        await _client.UpdateAsync(table, new TableEntity("p", "replaced") { ["B"] = "B" }, added.ETag!, TableUpdateMode.Replace, None);
        var merged = await _client.UpdateAsync(table, new TableEntity("p", "merged") { ["B"] = "B", ["C"] = "c" }, "*", TableUpdateMode.Merge, None);

        var replaced = await _client.GetAsync(table, "p", "replaced", None);
        Assert.False(replaced!.Properties.ContainsKey("A"));
        Assert.Equal("B", replaced["B"]);
        var read = await _client.GetAsync(table, "p", "merged", None);
        Assert.True(merged.Succeeded);
        Assert.Equal(("a", "B", "c"), (read!["A"], read["B"], read["C"]));
    }

    [Fact]
    public async Task Merge_with_a_stale_etag_is_refused_with_412()
    {
        var table = await azurite.CreateTableAsync("StaleMerge");
        var original = await _client.AddAsync(table, new TableEntity("p", "r") { ["V"] = 1 }, None);
        await _client.UpsertAsync(table, new TableEntity("p", "r") { ["V"] = 2 }, TableUpdateMode.Merge, None);

        var stale = await _client.UpdateAsync(table, new TableEntity("p", "r") { ["W"] = 1 }, original.ETag!, TableUpdateMode.Merge, None);

        Assert.Equal(TableWriteStatus.PreconditionFailed, stale.Status);
        Assert.False((await _client.GetAsync(table, "p", "r", None))!.Properties.ContainsKey("W"));
    }

    [Fact]
    public async Task Updating_an_entity_that_does_not_exist_is_not_found()
    {
        var table = await azurite.CreateTableAsync("NoUpdate");

        var replace = await _client.UpdateAsync(table, new TableEntity("p", "ghost"), "*", TableUpdateMode.Replace, None);
        var merge = await _client.UpdateAsync(table, new TableEntity("p", "ghost"), "*", TableUpdateMode.Merge, None);

        Assert.Equal(TableWriteStatus.NotFound, replace.Status);
        Assert.Equal(TableWriteStatus.NotFound, merge.Status);
        Assert.Null(await _client.GetAsync(table, "p", "ghost", None));
    }

    [Fact]
    public async Task Upsert_inserts_when_missing_then_replaces_or_merges_unconditionally()
    {
        var table = await azurite.CreateTableAsync("Upsert");

        var inserted = await _client.UpsertAsync(table, new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, TableUpdateMode.Replace, None);
        var merged = await _client.UpsertAsync(table, new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Merge, None);
        var afterMerge = await _client.GetAsync(table, "p", "r", None);
        var replaced = await _client.UpsertAsync(table, new TableEntity("p", "r") { ["D"] = "d" }, TableUpdateMode.Replace, None);
        var afterReplace = await _client.GetAsync(table, "p", "r", None);

        Assert.True(inserted.Succeeded && merged.Succeeded && replaced.Succeeded);
        Assert.Equal(["A", "B", "C"], afterMerge!.Properties.Keys.Order().ToArray());
        Assert.Equal(["D"], afterReplace!.Properties.Keys.ToArray());
        Assert.Equal(replaced.ETag, afterReplace.ETag);
    }

    [Fact]
    public async Task Delete_needs_the_current_etag_and_a_second_delete_is_not_found()
    {
        var table = await azurite.CreateTableAsync("Delete");
        var original = await _client.AddAsync(table, new TableEntity("p", "r") { ["V"] = 1 }, None);
        var current = await _client.UpdateAsync(table, new TableEntity("p", "r") { ["V"] = 2 }, "*", TableUpdateMode.Replace, None);

        var stale = await _client.DeleteAsync(table, "p", "r", original.ETag!, None);
        var stillThere = await _client.GetAsync(table, "p", "r", None);
        var deleted = await _client.DeleteAsync(table, "p", "r", current.ETag!, None);
        var again = await _client.DeleteAsync(table, "p", "r", "*", None);

        Assert.Equal(TableWriteStatus.PreconditionFailed, stale.Status);
        Assert.NotNull(stillThere);
        Assert.True(deleted.Succeeded);
        Assert.Null(await _client.GetAsync(table, "p", "r", None));
        Assert.Equal(TableWriteStatus.NotFound, again.Status);
    }

    [Theory]
    [InlineData("it's")]
    [InlineData("O''Brien")]
    [InlineData("a b+c&d=e%f")]
    [InlineData("(paren),[bracket]")]
    [InlineData("€ünïcödé 電話")]
    [InlineData("")]
    [InlineData("+441234567890")]
    public async Task Keys_that_need_quoting_or_escaping_round_trip_through_every_operation(string key)
    {
        var table = await azurite.CreateTableAsync("Escape");

        var added = await _client.AddAsync(table, new TableEntity(key, key) { ["V"] = 1 }, None);
        var updated = await _client.UpdateAsync(table, new TableEntity(key, key) { ["V"] = 2 }, added.ETag!, TableUpdateMode.Merge, None);
        var read = await _client.GetAsync(table, key, key, None);
        var page = await _client.QueryPartitionAsync(table, key, null, null, None);
        var deleted = await _client.DeleteAsync(table, key, key, updated.ETag!, None);

        Assert.True(added.Succeeded && updated.Succeeded && deleted.Succeeded);
        Assert.Equal((key, key, 2), (read!.PartitionKey, read.RowKey, read["V"]));
        Assert.Equal(key, Assert.Single(page.Entities).RowKey);
    }

    [Fact]
    public async Task A_query_returns_only_its_partition_in_row_key_order()
    {
        var table = await azurite.CreateTableAsync("Order");
        foreach (var (partition, row) in new[] { ("a", "2"), ("b", "3"), ("b", "1"), ("b", "2"), ("c", "1"), ("b'", "1") })
        {
            await _client.AddAsync(table, new TableEntity(partition, row), None);
        }

        var page = await _client.QueryPartitionAsync(table, "b", null, null, None);

        Assert.Equal(["1", "2", "3"], page.Entities.Select(e => e.RowKey).ToArray());
        Assert.All(page.Entities, e => Assert.Equal("b", e.PartitionKey));
        Assert.All(page.Entities, e => Assert.False(string.IsNullOrEmpty(e.ETag)));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task A_transaction_applies_every_kind_of_operation_together()
    {
        var table = await azurite.CreateTableAsync("Batch");
        var toReplace = await _client.AddAsync(table, new TableEntity("p", "replace") { ["A"] = "a" }, None);
        await _client.AddAsync(table, new TableEntity("p", "merge") { ["A"] = "a" }, None);
        await _client.AddAsync(table, new TableEntity("p", "upsert-merge") { ["A"] = "a" }, None);
        await _client.AddAsync(table, new TableEntity("p", "delete"), None);

        var result = await _client.SubmitTransactionAsync(table,
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = "new" }),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["B"] = "b" }, toReplace.ETag),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["B"] = "b" }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert-replace") { ["B"] = "b" }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert-merge") { ["B"] = "b" }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ], None);

        Assert.True(result.Succeeded);
        var rows = (await _client.QueryPartitionAsync(table, "p", null, null, None)).Entities.ToDictionary(e => e.RowKey);
        Assert.Equal(["add", "merge", "replace", "upsert-merge", "upsert-replace"], rows.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("new", rows["add"]["A"]);
        Assert.Equal(["B"], rows["replace"].Properties.Keys.ToArray());
        Assert.Equal(["A", "B"], rows["merge"].Properties.Keys.Order().ToArray());
        Assert.Equal(["A", "B"], rows["upsert-merge"].Properties.Keys.Order().ToArray());
    }

    [Fact]
    public async Task A_refused_transaction_writes_nothing_and_names_the_operation_that_failed()
    {
        var table = await azurite.CreateTableAsync("BatchFail");
        await _client.AddAsync(table, new TableEntity("p", "taken") { ["V"] = "kept" }, None);

        var result = await _client.SubmitTransactionAsync(table,
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "new2")),
            new(TableTransactionActionType.Add, new TableEntity("p", "taken") { ["V"] = "overwritten" }),
            new(TableTransactionActionType.Add, new TableEntity("p", "new3")),
        ], None);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.FailedIndex);
        Assert.Equal(TableWriteStatus.Conflict, result.FailedStatus);
        Assert.False(string.IsNullOrWhiteSpace(result.ErrorMessage));
        var rows = (await _client.QueryPartitionAsync(table, "p", null, null, None)).Entities;
        Assert.Equal("kept", Assert.Single(rows)["V"]);
    }

    [Fact]
    public async Task A_transaction_with_a_stale_etag_fails_with_412_at_that_operation()
    {
        var table = await azurite.CreateTableAsync("BatchStale");
        var original = await _client.AddAsync(table, new TableEntity("p", "r") { ["V"] = 1 }, None);
        await _client.UpsertAsync(table, new TableEntity("p", "r") { ["V"] = 2 }, TableUpdateMode.Replace, None);

        var result = await _client.SubmitTransactionAsync(table,
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "other")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "r") { ["V"] = 3 }, original.ETag),
        ], None);

        Assert.Equal((false, 1, TableWriteStatus.PreconditionFailed), (result.Succeeded, result.FailedIndex, result.FailedStatus));
        Assert.Null(await _client.GetAsync(table, "p", "other", None));
    }

    [Fact]
    public async Task A_wrong_account_key_is_refused_with_403()
    {
        var wrongKey = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());
        var connection = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName={azurite.Connection.AccountName};AccountKey={wrongKey};TableEndpoint={azurite.Connection.TableEndpoint}");
        var client = new TableRestClient(connection, AzuriteFixture.FastOptions());

        var error = await Assert.ThrowsAsync<TableStorageException>(() => client.GetAsync("FixtureProbe", "p", "r", None));

        // Azure says AuthenticationFailed, Azurite AuthorizationFailure: the status is the contract.
        Assert.Equal(403, error.Status);
        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
        Assert.DoesNotContain(wrongKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_request_with_an_operation_cancelled_exception()
    {
        var table = await azurite.CreateTableAsync("Cancel");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.AddAsync(table, new TableEntity("p", "r"), cancelled.Token));

        Assert.Null(await _client.GetAsync(table, "p", "r", None));
    }
}
