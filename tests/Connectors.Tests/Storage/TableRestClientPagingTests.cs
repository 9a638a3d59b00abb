using System.Diagnostics;
using System.Globalization;
using Connectors.Core.Storage;
using Xunit.Abstractions;

namespace Connectors.Tests.Storage;

/// <summary>Paged reads of a partition larger than one response (1,000 entities), against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRestClientPagingTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int PartitionSize = 1_234;
    private const string Partition = "big";

    [Fact]
    public async Task A_partition_of_more_than_1000_entities_is_read_completely_in_row_key_order_across_pages()
    {
        var table = await WriteLargePartitionAsync();

        var clock = Stopwatch.StartNew();
        var pages = await ReadAllAsync(table, pageSize: null);
        clock.Stop();

        var rows = pages.SelectMany(p => p).Select(e => e.RowKey).ToList();
        Assert.True(pages.Count >= 2, $"expected the partition to span pages, got {pages.Count}");
        Assert.All(pages, p => Assert.True(p.Count <= 1000));
        Assert.Equal(Expected(), rows);
        output.WriteLine($"read {rows.Count} entities in {pages.Count} pages ({string.Join("+", pages.Select(p => p.Count))}) in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_smaller_page_size_yields_pages_of_that_size_and_the_same_rows()
    {
        var table = await WriteLargePartitionAsync();

        var clock = Stopwatch.StartNew();
        var pages = await ReadAllAsync(table, pageSize: 300);
        clock.Stop();

        Assert.Equal([300, 300, 300, 300, 34], pages.Where(p => p.Count > 0).Select(p => p.Count).ToArray());
        Assert.Equal(Expected(), pages.SelectMany(p => p).Select(e => e.RowKey).ToList());
        output.WriteLine($"read {PartitionSize} entities in pages of 300 in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_continuation_token_that_was_not_handed_out_is_refused_before_sending()
    {
        var table = await azurite.CreateTableAsync("Token");

        var error = await Assert.ThrowsAsync<TableStorageException>(() => azurite.Client.QueryPartitionAsync(table, Partition, "not a token", null, CancellationToken.None));

        Assert.Equal(TableRequestValidator.InvalidContinuationToken, error.ErrorCode);
    }

    private async Task<string> WriteLargePartitionAsync()
    {
        var table = await azurite.CreateTableAsync("Paging");
        var clock = Stopwatch.StartNew();
        foreach (var chunk in Expected().Chunk(TableRequestValidator.MaxTransactionActions))
        {
            var actions = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, row) { ["Payload"] = new string('x', 200) })).ToList();
            var result = await azurite.Client.SubmitTransactionAsync(table, actions, CancellationToken.None);
            Assert.True(result.Succeeded, result.ErrorMessage);
        }

        // Neighbours on both sides, which the query must not return.
        await azurite.Client.AddAsync(table, new TableEntity("bif", "0"), CancellationToken.None);
        await azurite.Client.AddAsync(table, new TableEntity("bigger", "0"), CancellationToken.None);
        output.WriteLine($"wrote {PartitionSize} entities in {(PartitionSize + 99) / 100} transactions in {clock.ElapsedMilliseconds} ms");
        return table;
    }

    private async Task<List<IReadOnlyList<TableEntity>>> ReadAllAsync(string table, int? pageSize)
    {
        var pages = new List<IReadOnlyList<TableEntity>>();
        string? continuation = null;
        do
        {
            var page = await azurite.Client.QueryPartitionAsync(table, Partition, continuation, pageSize, CancellationToken.None);
            pages.Add(page.Entities);
            continuation = page.ContinuationToken;
            Assert.True(pages.Count < 50, "the query kept handing out continuation tokens");
        }
        while (continuation is not null);

        return pages;
    }

    private static List<string> Expected() =>
        Enumerable.Range(0, PartitionSize).Select(i => i.ToString("D5", CultureInfo.InvariantCulture)).ToList();
}
