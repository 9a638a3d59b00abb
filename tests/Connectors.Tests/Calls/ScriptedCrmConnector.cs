using System.Collections.Concurrent;
using Connectors.Core.Calls;
using Connectors.Core.Crm;

namespace Connectors.Tests.Calls;

/// <summary>
/// A fake of the CRM port for tests where the CRM itself is not the subject: accounts by phone and
/// account number, a switchable failure, a hold that keeps calls running until released, and a
/// count of every request (writes included, so a test can show the screen-pop wrote nothing).
/// </summary>
public sealed class ScriptedCrmConnector : ICrmConnector
{
    private readonly ConcurrentDictionary<string, AccountSnapshot> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<string>> _accountsByPhone = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<CrmCallContext> _contexts = new();
    private TaskCompletionSource _hold = Released();
    private int _phoneLookups;
    private int _accountNumberLookups;
    private int _snapshotReads;
    private int _writes;

    public CrmKind Kind => CrmKind.Salesforce;

    /// <summary>When set, every request throws what it returns (null lets the request through).</summary>
    public Func<string, Exception?>? Failure { get; set; }

    /// <summary>When set, how long each request takes before it answers (by operation).</summary>
    public Func<string, TimeSpan>? Latency { get; set; }

    public int PhoneLookups => Volatile.Read(ref _phoneLookups);

    public int AccountNumberLookups => Volatile.Read(ref _accountNumberLookups);

    public int SnapshotReads => Volatile.Read(ref _snapshotReads);

    public int Writes => Volatile.Read(ref _writes);

    public int Requests => PhoneLookups + AccountNumberLookups + SnapshotReads + Writes;

    public IReadOnlyCollection<CrmCallContext> Contexts => _contexts;

    public AccountSnapshot AddAccount(string accountId, string accountNumber, decimal balance, params string[] phonesE164)
    {
        var snapshot = new AccountSnapshot
        {
            AccountId = accountId,
            ContactId = "003" + accountId,
            DisplayName = "Holder " + accountId,
            Balance = balance,
            Currency = "USD",
            CardLastFour = "4242",
            BillingZip = "94105",
            DateOfBirth = "1980-02-29",
            MobileE164 = "+14155550100",
            Email = accountId + "@example.com",
            AccountNumber = accountNumber,
            OpenCases = [new CrmCaseSummary("500" + accountId, "Billing question", "Open", null)],
            RecentContacts = [new CrmRecentContact("00T" + accountId, "phone", "Asked about a charge", null)],
        };
        _accounts[accountId] = snapshot;
        foreach (var phone in phonesE164)
        {
            _accountsByPhone.AddOrUpdate(phone, _ => [accountId], (_, ids) => [.. ids, accountId]);
        }

        return snapshot;
    }

    public void SetBalance(string accountId, decimal balance) =>
        _accounts.AddOrUpdate(accountId, _ => throw new InvalidOperationException("no such account"), (_, s) => s with { Balance = balance });

    public void RemoveAccount(string accountId) => _accounts.TryRemove(accountId, out _);

    /// <summary>From now on requests wait until <see cref="Release"/>.</summary>
    public void Hold() => Interlocked.Exchange(ref _hold, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Release() => _hold.TrySetResult();

    public async Task<IReadOnlyList<CrmCandidate>> FindByPhoneAsync(PhoneNumber phone, CrmCallContext call, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _phoneLookups);
        await EnterAsync("find-by-phone", call, cancellationToken);
        return _accountsByPhone.TryGetValue(phone.E164, out var ids)
            ? ids.Select(id => Candidate(id, "phone")).ToList()
            : [];
    }

    public async Task<IReadOnlyList<CrmCandidate>> FindByAccountNumberAsync(string accountNumber, CrmCallContext call, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _accountNumberLookups);
        await EnterAsync("find-by-account-number", call, cancellationToken);
        return _accounts.Values.Where(a => a.AccountNumber == accountNumber).Select(a => Candidate(a.AccountId, "account-number")).ToList();
    }

    public async Task<AccountSnapshot?> GetAccountSnapshotAsync(string accountId, CrmCallContext call, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _snapshotReads);
        await EnterAsync("get-account-snapshot", call, cancellationToken);
        return _accounts.TryGetValue(accountId, out var snapshot) ? snapshot : null;
    }

    public async Task<DispositionWriteResult> UpsertDispositionAsync(DispositionRecord disposition, CrmCallContext call, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await EnterAsync("upsert-disposition", call, cancellationToken);
        return new DispositionWriteResult(DispositionWriteOutcome.Created, "rec-" + disposition.CallKey, disposition.CallKey);
    }

    public async Task<CrmNoteResult> AddNoteAsync(CrmNote note, CrmCallContext call, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await EnterAsync("add-note", call, cancellationToken);
        return new CrmNoteResult("note-" + note.CallKey, AlreadyPresent: false);
    }

    public async Task<ScreenPopResult> PopRecordAsync(ScreenPopRequest request, CrmCallContext call, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        await EnterAsync("pop-record", call, cancellationToken);
        return new ScreenPopResult(Delivered: true, Url: null);
    }

    private async Task EnterAsync(string operation, CrmCallContext call, CancellationToken cancellationToken)
    {
        _contexts.Enqueue(call);
        await Volatile.Read(ref _hold).Task.WaitAsync(cancellationToken);
        if (Latency?.Invoke(operation) is { } latency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }

        if (Failure?.Invoke(operation) is { } failure)
        {
            throw failure;
        }
    }

    private CrmCandidate Candidate(string accountId, string matchedOn) =>
        new(accountId, _accounts.TryGetValue(accountId, out var s) ? s.DisplayName : accountId, matchedOn, "003" + accountId);

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }
}
