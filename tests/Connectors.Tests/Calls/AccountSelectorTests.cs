using Connectors.Core.Calls;
using Connectors.Core.Http;

namespace Connectors.Tests.Calls;

public sealed class AccountSelectorTests
{
    [Fact]
    public async Task An_ambiguous_caller_is_settled_by_the_account_number_they_give()
    {
        using var rig = await AmbiguousAsync();

        var sent = rig.Queue.Sent.Count;
        var select = rig.Selector.SelectAsync("CA1", " 2002 ", CancellationToken.None);
        await LookupQueuedAsync(rig, sent);
        await rig.RunQueuedAsync();
        var result = await select.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AccountSelectStatus.Selected, result.Status);
        Assert.Equal("A2", (await rig.SessionAsync("CA1")).SelectedAccountId);
    }

    [Fact]
    public async Task Giving_the_same_number_again_does_not_look_it_up_twice()
    {
        using var rig = await AmbiguousAsync();
        var sent = rig.Queue.Sent.Count;
        var first = rig.Selector.SelectAsync("CA1", "2002", CancellationToken.None);
        await LookupQueuedAsync(rig, sent);
        await rig.RunQueuedAsync();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        var lookups = rig.Crm.AccountNumberLookups;

        var again = await rig.Selector.SelectAsync("CA1", "2002", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AccountSelectStatus.Selected, again.Status);
        Assert.Equal(lookups, rig.Crm.AccountNumberLookups);
        Assert.Empty(rig.Queue.TakeAll());
    }

    [Fact]
    public async Task A_lookup_still_running_after_the_wait_share_answers_pending()
    {
        using var rig = await AmbiguousAsync();

        var result = await rig.AdvanceUntilDoneAsync(rig.Selector.SelectAsync("CA1", "2002", CancellationToken.None), TimeSpan.FromMilliseconds(10));

        Assert.Equal(AccountSelectStatus.Pending, result.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 34 !")]
    [InlineData("-1001")]
    public void An_account_number_that_cannot_be_one_is_a_400(string raw)
    {
        var problem = Assert.Throws<ProblemException>(() => AccountSelector.NormalizeAccountNumber(raw));

        Assert.Equal("invalid-account-number", problem.Slug);
    }

    [Fact]
    public void A_selection_overtaken_by_a_later_request_answers_pending()
    {
        var now = DateTimeOffset.UnixEpoch;
        var session = new CallSession
        {
            CallId = "CA1",
            Platform = "twilio",
            ConnectedAt = now,
            Fetch = new AccountFetch { Generation = 3, Kind = AccountFetchKind.SnapshotRefresh, RequestedAt = now },
        };

        Assert.Equal(new AccountSelectResult(AccountSelectStatus.Pending, "superseded"), AccountSelector.Decide(session, 2, now, new CallsOptions()));
    }

    private static async Task<ScreenPopRig> AmbiguousAsync()
    {
        var rig = new ScreenPopRig();
        rig.Crm.AddAccount("A1", "1001", 1m, ScreenPopRig.Caller);
        rig.Crm.AddAccount("A2", "2002", 2m, ScreenPopRig.Caller);
        await rig.ConnectAsync("CA1");
        await rig.RunQueuedAsync();
        return rig;
    }

    /// <summary>Until the selection has queued its lookup (it counts the selection on Azurite first), bounded.</summary>
    private static Task LookupQueuedAsync(ScreenPopRig rig, int sentBefore) =>
        Wait.UntilAsync(() => rig.Queue.Sent.Count > sentBefore, "the selection to queue its lookup");
}
