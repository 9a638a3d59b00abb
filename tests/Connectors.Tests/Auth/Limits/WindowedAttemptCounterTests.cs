using Connectors.Core.Auth.Limits;
using Connectors.Core.Auth.Passcodes;
using Connectors.Tests.Auth.Support;

namespace Connectors.Tests.Auth.Limits;

public sealed class WindowedAttemptCounterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    [Fact]
    public async Task Attempts_are_allowed_up_to_the_limit_then_refused_until_the_window_closes()
    {
        using var rig = StepUpRig.Create();
        var counter = rig.Get<WindowedAttemptCounter>();
        var opened = rig.Clock.GetUtcNow();

        for (var i = 1; i <= 3; i++)
        {
            var allowed = await counter.TryConsumeAsync("scope", "subject", 3, Window, CancellationToken.None);
            Assert.True(allowed.Allowed);
            Assert.Equal(3 - i, allowed.Remaining);
            rig.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var refused = await counter.TryConsumeAsync("scope", "subject", 3, Window, CancellationToken.None);
        Assert.False(refused.Allowed);
        Assert.Equal(opened + Window, refused.ResetsAt);

        rig.Clock.Advance(opened + Window - rig.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.False((await counter.TryConsumeAsync("scope", "subject", 3, Window, CancellationToken.None)).Allowed);

        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        var reopened = await counter.TryConsumeAsync("scope", "subject", 3, Window, CancellationToken.None);
        Assert.True(reopened.Allowed);
        Assert.Equal(2, reopened.Remaining);
    }

    [Fact]
    public async Task Subjects_and_scopes_are_counted_apart()
    {
        using var rig = StepUpRig.Create();
        var counter = rig.Get<WindowedAttemptCounter>();

        Assert.True((await counter.TryConsumeAsync("a", "one", 1, Window, CancellationToken.None)).Allowed);
        Assert.False((await counter.TryConsumeAsync("a", "one", 1, Window, CancellationToken.None)).Allowed);
        Assert.True((await counter.TryConsumeAsync("a", "two", 1, Window, CancellationToken.None)).Allowed);
        Assert.True((await counter.TryConsumeAsync("b", "one", 1, Window, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task A_reset_forgets_the_counted_attempts()
    {
        using var rig = StepUpRig.Create();
        var counter = rig.Get<WindowedAttemptCounter>();
        await counter.TryConsumeAsync("scope", "subject", 2, Window, CancellationToken.None);
        await counter.TryConsumeAsync("scope", "subject", 2, Window, CancellationToken.None);

        await counter.ResetAsync("scope", "subject", CancellationToken.None);

        Assert.Equal(1, (await counter.TryConsumeAsync("scope", "subject", 2, Window, CancellationToken.None)).Remaining);
    }

    [Fact]
    public async Task Parallel_attempts_never_overshoot_the_limit()
    {
        using var rig = StepUpRig.Create();
        var counter = rig.Get<WindowedAttemptCounter>();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
            counter.TryConsumeAsync("scope", "subject", 5, Window, CancellationToken.None))));

        Assert.Equal(5, decisions.Count(d => d.Allowed));
    }

    [Fact]
    public async Task A_subject_is_stored_only_as_a_keyed_pseudonym()
    {
        using var rig = StepUpRig.Create();
        var counter = rig.Get<WindowedAttemptCounter>();
        var number = "+14155550142";

        await counter.TryConsumeAsync(PasscodeSendService.DestinationCapScope, "sms:" + number, 3, Window, CancellationToken.None);

        var partition = rig.Get<Connectors.Core.Auth.StepUpKeyring>().Pseudonymize("counter:" + PasscodeSendService.DestinationCapScope, "sms:" + number);
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var entity in rig.Tables.GetTableClient(WindowedAttemptCounter.TableName).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(entity);
        }

        var row = Assert.Single(rows);
        Assert.DoesNotContain("4155550142", row.PartitionKey + row.RowKey + string.Join(",", row.Select(p => p.Value)), StringComparison.Ordinal);
    }
}
