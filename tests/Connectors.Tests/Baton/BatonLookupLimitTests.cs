using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Connectors.Core.Baton;
using Connectors.Core.Http;
using Connectors.Core.Storage;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Baton;

/// <summary>
/// Guessing at agent links is bounded per client, and a wrong, an expired and a malformed token are one path: the same
/// storage requests, the same answer, the same one permit. Judged by the requests Azurite was sent, never by timings.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BatonLookupLimitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_wrong_an_expired_and_a_malformed_token_do_the_same_storage_work_and_cost_one_permit_each()
    {
        var requests = new RequestLog();
        var (seals, clock) = Seals(requests);
        using var limiter = Limiter(permits: 10);
        var reader = new BatonViewReader(seals, limiter, clock);
        var now = clock.GetUtcNow();
        var expired = BatonToken.New();
        await seals.SaveAsync(BatonToken.Hash(expired), BatonExpiryTests.Seal(now, now.AddMinutes(5)), CancellationToken.None);
        Assert.NotNull(await reader.ReadAsync(expired, "agent", CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(10));
        await reader.ReadAsync(BatonToken.New(), "warm-up", CancellationToken.None); // the table exists from here on

        var work = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (kind, token) in new[] { ("wrong", BatonToken.New()), ("expired", expired), ("malformed", "not-a-token") })
        {
            requests.Clear();
            var before = limiter.Remaining(kind);
            Assert.Null(await reader.ReadAsync(token, kind, CancellationToken.None));
            Assert.Equal(before - 1, limiter.Remaining(kind));
            work[kind] = requests.Snapshot();
        }

        Assert.Single(work["wrong"]);
        Assert.Equal(work["wrong"], work["expired"]);
        Assert.Equal(work["wrong"], work["malformed"]);
    }

    [Fact]
    public async Task Past_the_limit_a_client_gets_429_before_any_lookup_and_other_clients_are_untouched()
    {
        var requests = new RequestLog();
        var (seals, clock) = Seals(requests);
        using var limiter = Limiter(permits: 3);
        var reader = new BatonViewReader(seals, limiter, clock);
        var good = BatonToken.New();
        var now = clock.GetUtcNow();
        await seals.SaveAsync(BatonToken.Hash(good), BatonExpiryTests.Seal(now, now.AddHours(1)), CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await reader.ReadAsync(BatonToken.New(), "guesser", CancellationToken.None));
        }

        requests.Clear();
        var refused = await Assert.ThrowsAsync<ProblemException>(() => reader.ReadAsync(good, "guesser", CancellationToken.None));
        Assert.Equal(429, refused.Status);
        Assert.Equal("too-many-link-lookups", refused.Slug);
        Assert.NotNull(refused.RetryAfter);
        Assert.Empty(requests.Snapshot());
        Assert.NotNull(await reader.ReadAsync(good, "agent", CancellationToken.None));
    }

    private static BatonLookupLimiter Limiter(int permits) =>
        new(Options.Create(new BatonOptions { FailedLookupsPerWindow = permits, FailedLookupWindow = TimeSpan.FromHours(1) }));

    private (BatonSealStore Seals, FakeTimeProvider Clock) Seals(RequestLog requests)
    {
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var tables = new DocumentTableFactory(service, Options.Create(new StorageOptions { TablePrefix = AzuriteStorage.NewTablePrefix("limit") }));
        return (new BatonSealStore(tables), new FakeTimeProvider());
    }

    /// <summary>Every request the table client sends, as "METHOD /table(keys)" with the keys' values left out.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly List<string> _requests = [];

        public override void OnSendingRequest(HttpMessage message)
        {
            var path = message.Request.Uri.Path;
            var keys = path.IndexOf('(', StringComparison.Ordinal);
            lock (_requests)
            {
                _requests.Add($"{message.Request.Method} {(keys < 0 ? path : path[..keys])}");
            }
        }

        public void Clear()
        {
            lock (_requests)
            {
                _requests.Clear();
            }
        }

        public IReadOnlyList<string> Snapshot()
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }
}
