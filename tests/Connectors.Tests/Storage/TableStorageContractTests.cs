using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

/// <summary>
/// What the stores rely on, held against a real Azurite by exactly the client the hosts register
/// (<c>AddTableStorage</c>: the SDK's <see cref="TableServiceClient"/> and <see cref="DocumentTableFactory"/>).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableStorageContractTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static int _tables;

    [Fact]
    public async Task A_missing_document_reads_as_null_and_an_added_one_reads_back_with_the_etag_it_was_written_under()
    {
        var table = NewTable();

        var missing = await table.GetAsync("p", "r", None);
        var added = await table.TryAddAsync("p", "r", new Note("first", 1), None);
        var read = await table.GetAsync("p", "r", None);

        Assert.Null(missing);
        Assert.NotNull(added);
        Assert.False(string.IsNullOrEmpty(added.ETag));
        Assert.Equal(new Note("first", 1), read!.Value);
        Assert.Equal(added.ETag, read.ETag);
    }

    [Fact]
    public async Task A_second_add_under_the_same_key_is_a_conflict_and_keeps_the_first()
    {
        var table = NewTable();

        Assert.NotNull(await table.TryAddAsync("p", "r", new Note("first", 1), None));
        Assert.Null(await table.TryAddAsync("p", "r", new Note("second", 2), None));
        Assert.Equal("first", (await table.GetAsync("p", "r", None))!.Value.Text);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_refused_and_the_newer_write_stays()
    {
        var table = NewTable();
        var original = await table.TryAddAsync("p", "r", new Note("first", 1), None);
        var newer = await table.TryReplaceAsync("p", "r", new Note("newer", 2), original!.ETag, None);

        var stale = await table.TryReplaceAsync("p", "r", new Note("stale", 3), original.ETag, None);

        Assert.NotNull(newer);
        Assert.NotEqual(original.ETag, newer.ETag);
        Assert.Null(stale);
        var read = await table.GetAsync("p", "r", None);
        Assert.Equal("newer", read!.Value.Text);
        Assert.Equal(newer.ETag, read.ETag);
    }

    [Fact]
    public async Task Replacing_a_document_that_does_not_exist_is_refused_and_creates_nothing()
    {
        var table = NewTable();
        var elsewhere = await table.TryAddAsync("p", "other", new Note("x", 1), None);

        Assert.Null(await table.TryReplaceAsync("p", "r", new Note("ghost", 1), elsewhere!.ETag, None));
        Assert.Null(await table.GetAsync("p", "r", None));
    }

    [Fact]
    public async Task Upsert_inserts_when_missing_then_replaces_unconditionally()
    {
        var table = NewTable();

        var inserted = await table.UpsertAsync("p", "r", new Note("one", 1), None);
        var replaced = await table.UpsertAsync("p", "r", new Note("two", 2), None);

        Assert.NotEqual(inserted.ETag, replaced.ETag);
        var read = await table.GetAsync("p", "r", None);
        Assert.Equal(new Note("two", 2), read!.Value);
        Assert.Equal(replaced.ETag, read.ETag);
    }

    [Fact]
    public async Task Replace_drops_the_properties_it_does_not_name_and_merge_keeps_them()
    {
        var client = azurite.Tables.GetTableClient(NewTableName());
        await client.CreateIfNotExistsAsync(None);
        await client.AddEntityAsync(new TableEntity("p", "merged") { ["A"] = "a", ["B"] = 1 }, None);
        await client.AddEntityAsync(new TableEntity("p", "replaced") { ["A"] = "a", ["B"] = 1 }, None);

        await client.UpsertEntityAsync(new TableEntity("p", "merged") { ["B"] = 2 }, TableUpdateMode.Merge, None);
        await client.UpsertEntityAsync(new TableEntity("p", "replaced") { ["B"] = 2 }, TableUpdateMode.Replace, None);

        var merged = (await client.GetEntityAsync<TableEntity>("p", "merged", cancellationToken: None)).Value;
        var replaced = (await client.GetEntityAsync<TableEntity>("p", "replaced", cancellationToken: None)).Value;
        Assert.Equal(("a", 2), (merged.GetString("A"), merged.GetInt32("B")));
        Assert.Equal(((string?)null, 2), (replaced.GetString("A"), replaced.GetInt32("B")));
    }

    [Fact]
    public async Task Merge_with_a_stale_etag_is_refused_with_412()
    {
        var client = azurite.Tables.GetTableClient(NewTableName());
        await client.CreateIfNotExistsAsync(None);
        var first = await client.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a" }, None);
        await client.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = "b" }, first.Headers.ETag!.Value, TableUpdateMode.Merge, None);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = "c" }, first.Headers.ETag!.Value, TableUpdateMode.Merge, None));

        Assert.Equal(412, stale.Status);
        Assert.Equal("b", (await client.GetEntityAsync<TableEntity>("p", "r", cancellationToken: None)).Value.GetString("A"));
    }

    [Fact]
    public async Task Delete_removes_the_document_and_a_second_delete_reports_there_was_none()
    {
        var table = NewTable();
        await table.TryAddAsync("p", "r", new Note("x", 1), None);

        Assert.True(await table.DeleteAsync("p", "r", None));
        Assert.Null(await table.GetAsync("p", "r", None));
        Assert.False(await table.DeleteAsync("p", "r", None));
    }

    [Fact]
    public async Task A_partition_of_more_than_1000_documents_is_read_completely_in_row_key_order_across_pages()
    {
        const int count = 1_205;
        var table = NewTable();

        // Written as transactions of 100 through the same client, in the document layout the table reads.
        var client = azurite.Service.GetTableClient(table.TableName);
        await client.CreateIfNotExistsAsync(None);
        foreach (var chunk in Enumerable.Range(0, count).Reverse().Chunk(100))
        {
            await client.SubmitTransactionAsync(
                chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, table.ToEntity("big", Row(i), new Note("n", i)))), None);
        }

        await table.TryAddAsync("other", Row(0), new Note("not in the partition", -1), None);

        var documents = await table.QueryPartitionAsync("big", None);

        Assert.Equal(Enumerable.Range(0, count), documents.Select(d => d.Value.Version));
        Assert.All(documents, d => Assert.False(string.IsNullOrEmpty(d.ETag)));
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("it''s")]
    [InlineData("a b+c%20&d=e")]
    [InlineData("ключ-键-🔑")]
    [InlineData("PartitionKey eq 'x' or true")]
    public async Task Keys_that_need_quoting_or_escaping_round_trip_through_every_operation(string key)
    {
        var table = NewTable();

        var added = await table.TryAddAsync(key, key, new Note("added", 1), None);
        var replaced = await table.TryReplaceAsync(key, key, new Note("replaced", 2), added!.ETag, None);
        await table.UpsertAsync(key + "x", key, new Note("neighbour", 3), None);
        var partition = await table.QueryPartitionAsync(key, None);
        var deleted = await table.DeleteAsync(key, key, None);

        Assert.NotNull(replaced);
        Assert.Equal("replaced", Assert.Single(partition).Value.Text);
        Assert.True(deleted);
        Assert.Null(await table.GetAsync(key, key, None));
    }

    [Fact]
    public async Task A_document_larger_than_one_property_round_trips_through_chunks()
    {
        var table = NewTable();
        var text = new string('x', (DocumentTable<Note>.ChunkCharacters * 3) + 17);

        await table.UpsertAsync("p", "r", new Note(text, 1), None);
        var read = await table.GetAsync("p", "r", None);

        Assert.Equal(text, read!.Value.Text);
    }

    [Fact]
    public async Task The_largest_document_that_fits_is_stored_and_one_larger_is_refused_before_sending()
    {
        var table = NewTable();
        var overhead = System.Text.Json.JsonSerializer.Serialize(new Note(string.Empty, 1), ConnectorsJson.Options).Length;
        var largest = new string('x', (DocumentTable<Note>.ChunkCharacters * DocumentTable<Note>.MaxChunks) - overhead);

        await table.UpsertAsync("p", "fits", new Note(largest, 1), None);
        var refused = await Assert.ThrowsAsync<TableStorageException>(() => table.UpsertAsync("p", "too-large", new Note(largest + "x", 1), None));

        Assert.Equal(largest, (await table.GetAsync("p", "fits", None))!.Value.Text);
        Assert.Equal((0, "EntityTooLarge"), (refused.Status, refused.ErrorCode));
        Assert.Contains("does not fit in one entity", refused.Message, StringComparison.Ordinal);
        Assert.Null(await table.GetAsync("p", "too-large", None));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("call-1\n")]
    public async Task A_key_with_a_forbidden_character_is_refused_before_sending_without_repeating_it(string key)
    {
        var table = NewTable();

        var refused = await Assert.ThrowsAsync<TableStorageException>(() => table.TryAddAsync("p", key, new Note("x", 1), None));
        var read = await Assert.ThrowsAsync<TableStorageException>(() => table.GetAsync(key, "r", None));

        Assert.Equal((0, "InvalidKey"), (refused.Status, refused.ErrorCode));
        Assert.Equal((0, "InvalidKey"), (read.Status, read.ErrorCode));
        Assert.Contains("RowKey has the character", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await table.QueryPartitionAsync("p", None));
    }

    [Fact]
    public async Task A_key_over_1_KiB_is_refused_and_one_of_exactly_1_KiB_is_stored()
    {
        var table = NewTable();
        var longest = new string('k', 512);

        await table.TryAddAsync("p", longest, new Note("fits", 1), None);
        var refused = await Assert.ThrowsAsync<TableStorageException>(() => table.TryAddAsync("p", longest + "k", new Note("too long", 1), None));

        Assert.Equal("fits", (await table.GetAsync("p", longest, None))!.Value.Text);
        Assert.Equal("InvalidKey", refused.ErrorCode);
        Assert.Contains("at most 1 KiB", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_updates_are_serialised_by_the_etag_and_none_is_lost()
    {
        var table = NewTable();
        await table.TryAddAsync("p", "r", new Note(string.Empty, 0), None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            table.UpdateAsync("p", "r", n => n with { Text = n.Text + i, Version = n.Version + 1 }, None))));

        var final = await table.GetAsync("p", "r", None);
        Assert.Equal(8, final!.Value.Version);
        Assert.Equal("01234567", string.Concat(final.Value.Text.Order()));
    }

    [Fact]
    public async Task A_wrong_account_key_is_a_storage_failure_with_403_not_an_sdk_exception()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        await using var services = AzuriteStorage.TableServices(AzuriteStorage.NewTablePrefix("key"), new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={wrongKey};TableEndpoint={azurite.TableEndpoint};",
        });
        var table = Open(services);

        var refused = await Assert.ThrowsAsync<TableStorageException>(() => table.GetAsync("p", "r", None));

        Assert.Equal(403, refused.Status);
        Assert.StartsWith("Creating table", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_service_is_a_storage_failure_with_status_0_after_the_configured_retries()
    {
        var closed = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteStorage.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{Fakes.LoopbackPort.Closed()}/devstoreaccount1;";
        await using var services = AzuriteStorage.TableServices(AzuriteStorage.NewTablePrefix("down"), new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = closed,
            ["Storage:MaxRetries"] = "1",
            ["Storage:RetryDelay"] = "00:00:00.010",
        });
        var table = Open(services);

        var failure = await Assert.ThrowsAsync<TableStorageException>(() => table.UpsertAsync("p", "r", new Note("x", 1), None));

        Assert.Equal(0, failure.Status);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_call_stays_a_cancellation()
    {
        var table = NewTable();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.UpsertAsync("p", "r", new Note("x", 1), cancelled.Token));
    }

    private static string Row(int i) => i.ToString("D5", CultureInfo.InvariantCulture);

    private static DocumentTable<Note> Open(IServiceProvider services) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DocumentTableFactory>(services).Open<Note>("Notes");

    private static string NewTableName() => "Contract" + Interlocked.Increment(ref _tables).ToString(CultureInfo.InvariantCulture);

    private DocumentTable<Note> NewTable() => azurite.Tables.Open<Note>(NewTableName());

    public sealed record Note(string Text, int Version);
}
