using Connectors.Core.Storage;
using Connectors.Tests.Fakes;

namespace Connectors.Tests.Storage;

public sealed class DocumentTableTests
{
    private sealed record Note(string Text, int Version);

    [Fact]
    public async Task A_document_larger_than_one_property_round_trips_through_chunks()
    {
        var table = new DocumentTable<Note>(new InMemoryTableStore(), "Notes");
        var text = new string('x', (DocumentTable<Note>.ChunkCharacters * 3) + 17);

        await table.UpsertAsync("p", "r", new Note(text, 1), CancellationToken.None);
        var read = await table.GetAsync("p", "r", CancellationToken.None);

        Assert.Equal(text, read!.Value.Text);
    }

    [Fact]
    public async Task A_document_too_large_for_one_entity_is_refused_before_sending()
    {
        var store = new InMemoryTableStore();
        var table = new DocumentTable<Note>(store, "Notes");
        var text = new string('x', DocumentTable<Note>.ChunkCharacters * DocumentTable<Note>.MaxChunks);

        await Assert.ThrowsAsync<TableStorageException>(() => table.UpsertAsync("p", "r", new Note(text, 1), CancellationToken.None));
        Assert.Equal(0, store.WriteCount);
    }

    [Fact]
    public async Task Concurrent_updates_are_serialised_by_the_etag_and_none_is_lost()
    {
        var table = new DocumentTable<Note>(new InMemoryTableStore(), "Notes");
        await table.TryAddAsync("p", "r", new Note("", 0), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            table.UpdateAsync("p", "r", n => n with { Text = n.Text + i, Version = n.Version + 1 }, CancellationToken.None))));

        var final = await table.GetAsync("p", "r", CancellationToken.None);
        Assert.Equal(8, final!.Value.Version);
        Assert.Equal(8, final.Value.Text.Length);
    }

    [Fact]
    public async Task A_second_add_under_the_same_key_reports_the_conflict_and_keeps_the_first()
    {
        var table = new DocumentTable<Note>(new InMemoryTableStore(), "Notes");

        Assert.NotNull(await table.TryAddAsync("p", "r", new Note("first", 1), CancellationToken.None));
        Assert.Null(await table.TryAddAsync("p", "r", new Note("second", 2), CancellationToken.None));
        Assert.Equal("first", (await table.GetAsync("p", "r", CancellationToken.None))!.Value.Text);
    }
}
