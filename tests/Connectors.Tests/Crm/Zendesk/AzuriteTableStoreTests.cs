using Connectors.Core.Storage;

namespace Connectors.Tests.Crm.Zendesk;

/// <summary>The test-side Azurite store keeps the port's contract, so the ledger test over it means something.</summary>
public sealed class AzuriteTableStoreTests
{
    [Fact]
    public async Task Entities_round_trip_with_etags_conflicts_paging_and_all_or_nothing_batches()
    {
        using var store = AzuriteTableStore.FromEnvironment();
        var table = "AzStore" + Guid.NewGuid().ToString("N")[..12];
        var ct = CancellationToken.None;
        await store.CreateTableIfNotExistsAsync(table, ct);
        await store.CreateTableIfNotExistsAsync(table, ct);

        var entity = new TableEntity("p", "r1") { ["Text"] = "hello", ["Count"] = 3, ["Big"] = 5_000_000_000L, ["When"] = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero) };
        var added = await store.AddAsync(table, entity, ct);
        var again = await store.AddAsync(table, entity, ct);
        var read = await store.GetAsync(table, "p", "r1", ct);

        Assert.True(added.Succeeded);
        Assert.Equal(TableWriteStatus.Conflict, again.Status);
        Assert.Equal(("hello", 3, 5_000_000_000L), (read!.GetString("Text"), read.GetInt32("Count"), read.GetInt64("Big")));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), read.GetDateTimeOffset("When"));

        var replaced = await store.UpdateAsync(table, new TableEntity("p", "r1") { ["Text"] = "bye" }, read.ETag!, TableUpdateMode.Replace, ct);
        var stale = await store.UpdateAsync(table, new TableEntity("p", "r1") { ["Text"] = "lost" }, read.ETag!, TableUpdateMode.Replace, ct);
        Assert.True(replaced.Succeeded);
        Assert.Equal(TableWriteStatus.PreconditionFailed, stale.Status);
        Assert.Equal("bye", (await store.GetAsync(table, "p", "r1", ct))!.GetString("Text"));
        Assert.Null(await store.GetAsync(table, "p", "missing", ct));

        for (var i = 2; i <= 5; i++)
        {
            Assert.True((await store.UpsertAsync(table, new TableEntity("p", "r" + i) { ["N"] = i }, TableUpdateMode.Replace, ct)).Succeeded);
        }

        var rows = new List<string>();
        string? token = null;
        do
        {
            var page = await store.QueryPartitionAsync(table, "p", token, 2, ct);
            Assert.True(page.Entities.Count <= 2);
            rows.AddRange(page.Entities.Select(e => e.RowKey));
            token = page.ContinuationToken;
        }
        while (token is not null);
        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], rows);

        var ok = await store.SubmitTransactionAsync(table, [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r6") { ["N"] = 6 }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "r5"), "*"),
        ], ct);
        var failed = await store.SubmitTransactionAsync(table, [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r7") { ["N"] = 7 }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r6") { ["N"] = 6 }),
        ], ct);

        Assert.True(ok.Succeeded);
        Assert.False(failed.Succeeded);
        Assert.Equal(((int?)1, (TableWriteStatus?)TableWriteStatus.Conflict), (failed.FailedIndex, failed.FailedStatus));
        Assert.Null(await store.GetAsync(table, "p", "r7", ct));
        Assert.Null(await store.GetAsync(table, "p", "r5", ct));
        Assert.True((await store.DeleteAsync(table, "p", "r6", "*", ct)).Succeeded);
        Assert.Equal(TableWriteStatus.NotFound, (await store.DeleteAsync(table, "p", "r6", "*", ct)).Status);
    }
}
