using Connectors.Core.Calls;
using Connectors.Core.Crm;

namespace Connectors.Tests.Auth.Support;

/// <summary>Writes call sessions the way issue 4's prefetch leaves them: a candidate, the selected account, its cached snapshot.</summary>
internal static class Sessions
{
    public static async Task<string> SeedAsync(ICallSessionStore store, TestAccount account, TimeProvider clock, bool select = true, string? callId = null)
    {
        callId ??= "CA" + Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        await store.CreateIfAbsentAsync(new CallSession
        {
            CallId = callId,
            Platform = "webhook",
            CallerE164 = account.Mobile,
            ConnectedAt = now,
            Candidates = [new CrmCandidate(account.AccountId, account.Snapshot.DisplayName, "phone")],
            SelectedAccountId = select ? account.AccountId : null,
            Account = select ? new CachedAccount(account.Snapshot, now) : null,
        }, CancellationToken.None);
        return callId;
    }
}
