using Azure.Data.Tables;
using Connectors.Core.Retries;
using Connectors.Core.Storage;
using Connectors.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Retries;

/// <summary>The replay rows on Azurite under a hand-moved clock: what a claim finds, and the TTL sweep.</summary>
public sealed class RequestReplayStoreTests : IDisposable
{
    private const string Table = "ReplayRows";
    private readonly ServiceProvider _services = AzuriteStorage.TableServices(AzuriteStorage.NewTablePrefix("rps"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
    private readonly RequestReplayStore _store;

    public RequestReplayStoreTests()
    {
        var options = Options.Create(new RequestReplayOptions { AnswerLifetime = TimeSpan.FromHours(1), ClaimTimeout = TimeSpan.FromMinutes(2) });
        _store = new RequestReplayStore(_services.GetRequiredService<DocumentTableFactory>(), Table, _clock, options);
    }

    [Fact]
    public async Task Expired_replay_rows_are_swept_and_live_ones_keep_their_first_answer()
    {
        await AnswerAsync("old", "{\"status\":\"sent\"}");
        _clock.Advance(TimeSpan.FromMinutes(30));
        await AnswerAsync("fresh", "{\"status\":\"appended\"}");
        _clock.Advance(TimeSpan.FromMinutes(31));

        var swept = await _store.SweepAsync(CancellationToken.None);

        Assert.Equal(1, swept);
        Assert.False(await ExistsAsync("old"));
        var fresh = await _store.ClaimAsync("genesys", "fresh", "hash", CancellationToken.None);
        Assert.Equal(ReplayClaimState.Answered, fresh.State);
        Assert.Equal("{\"status\":\"appended\"}", System.Text.Encoding.UTF8.GetString(fresh.Answer!.Json));
        Assert.Equal(0, await _store.SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_says_what_holds_the_id_and_takes_over_one_whose_claimer_died()
    {
        var first = await _store.ClaimAsync("genesys", "req-1", "hash-a", CancellationToken.None);

        Assert.Equal(ReplayClaimState.Claimed, first.State);
        Assert.Equal(ReplayClaimState.InProgress, (await _store.ClaimAsync("genesys", "req-1", "hash-a", CancellationToken.None)).State);
        Assert.Equal(ReplayClaimState.Mismatch, (await _store.ClaimAsync("genesys", "req-1", "hash-b", CancellationToken.None)).State);
        Assert.Equal(ReplayClaimState.Claimed, (await _store.ClaimAsync("other-sender", "req-1", "hash-b", CancellationToken.None)).State);

        _clock.Advance(TimeSpan.FromMinutes(3));
        var successor = await _store.ClaimAsync("genesys", "req-1", "hash-a", CancellationToken.None);
        Assert.Equal(ReplayClaimState.Claimed, successor.State);

        // The dead claimer's late answer does not overwrite its successor's.
        await _store.CompleteAsync(first, new StoredAnswer(false, "{\"who\":\"first\"}"u8.ToArray()), CancellationToken.None);
        await _store.CompleteAsync(successor, new StoredAnswer(false, "{\"who\":\"successor\"}"u8.ToArray()), CancellationToken.None);
        var answered = await _store.ClaimAsync("genesys", "req-1", "hash-a", CancellationToken.None);
        Assert.Equal("{\"who\":\"successor\"}", System.Text.Encoding.UTF8.GetString(answered.Answer!.Json));
    }

    public void Dispose() => _services.Dispose();

    private async Task AnswerAsync(string requestId, string json)
    {
        var claim = await _store.ClaimAsync("genesys", requestId, "hash", CancellationToken.None);
        Assert.Equal(ReplayClaimState.Claimed, claim.State);
        await _store.CompleteAsync(claim, new StoredAnswer(false, System.Text.Encoding.UTF8.GetBytes(json)), CancellationToken.None);
    }

    private async Task<bool> ExistsAsync(string requestId)
    {
        var client = _services.GetRequiredService<DocumentTableFactory>().GetTableClient(Table);
        return (await client.GetEntityIfExistsAsync<TableEntity>("genesys", requestId)).HasValue;
    }
}
