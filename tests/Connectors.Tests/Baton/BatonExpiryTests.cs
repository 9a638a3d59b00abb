using Connectors.Core.Baton;
using Connectors.Core.Storage;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Baton;

[Collection(AzuriteCollection.Name)]
public sealed class BatonExpiryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_expired_link_reads_as_unknown_and_the_sweeper_deletes_the_seal_and_the_baton_once_due()
    {
        var clock = new FakeTimeProvider();
        var seals = new BatonSealStore(azurite.Tables);
        var batons = new BatonStore(azurite.Tables);
        var index = new BatonExpiryIndex(azurite.Tables);
        using var limiter = new BatonLookupLimiter(Microsoft.Extensions.Options.Options.Create(new BatonOptions()));
        var reader = new BatonViewReader(seals, limiter, clock);
        var sweeper = new BatonSweeper(index, batons, seals, clock, NullLogger<BatonSweeper>.Instance);
        var now = clock.GetUtcNow();
        var token = BatonToken.New();
        var hash = BatonToken.Hash(token);
        await batons.UpdateAsync("call-1", () => new Connectors.Core.Baton.Baton { CallId = "call-1", CreatedAt = now, UpdatedAt = now, ExpiresAt = now.AddHours(4) }, b => b, CancellationToken.None);
        await index.AddAsync(BatonExpiryIndex.BatonKind, "call-1", now.AddHours(4), CancellationToken.None);
        await seals.SaveAsync(hash, Seal(now, now.AddHours(2)), CancellationToken.None);
        await index.AddAsync(BatonExpiryIndex.SealKind, hash, now.AddHours(2), CancellationToken.None);

        Assert.NotNull(await reader.ReadAsync(token, "agent-1", CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(await reader.ReadAsync(token, "agent-1", CancellationToken.None));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Null(await seals.GetAsync(hash, CancellationToken.None));
        Assert.NotNull(await batons.GetAsync("call-1", CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Null(await batons.GetAsync("call-1", CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
    }

    internal static BatonSeal Seal(DateTimeOffset now, DateTimeOffset expires) => new()
    {
        CallId = "call-1",
        Version = 1,
        SealedAt = now,
        ExpiresAt = expires,
        View = new BatonView { CallId = "call-1", Version = 1, Reason = "r", Target = "t", VerificationLevel = "none", SealedAt = now, ExpiresAt = expires },
    };
}
