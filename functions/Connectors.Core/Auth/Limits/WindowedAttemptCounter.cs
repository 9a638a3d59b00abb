using Connectors.Core.Storage;

namespace Connectors.Core.Auth.Limits;

/// <summary>
/// Table-backed fixed-window counters, one per (scope, subject): lockouts and send caps that hold across
/// calls and instances. A window opens at its first counted attempt and lasts the given length. Subjects
/// are stored only as keyed pseudonyms (a phone number never becomes a table key).
/// Attempts are counted BEFORE the thing they guard is tried, under the ETag, so parallel requests cannot
/// overshoot a limit; a success may then <see cref="ResetAsync"/> the counter.
/// </summary>
public sealed class WindowedAttemptCounter
{
    public const string TableName = "StepUpCounters";
    private const int MaxConcurrencyRetries = 16;

    private readonly DocumentTable<AttemptWindow> _table;
    private readonly StepUpKeyring _keyring;
    private readonly TimeProvider _time;

    public WindowedAttemptCounter(DocumentTableFactory tables, StepUpKeyring keyring, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<AttemptWindow>(TableName);
        _keyring = keyring;
        _time = time;
    }

    /// <summary>Counts one attempt unless <paramref name="limit"/> are already counted in the current window.</summary>
    public async Task<CounterDecision> TryConsumeAsync(string scope, string subject, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (partitionKey, rowKey) = Key(scope, subject);
        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var now = _time.GetUtcNow();
            var stored = await _table.GetAsync(partitionKey, rowKey, cancellationToken);
            var current = stored?.Value is { } w && now < w.OpenedAt + window ? w : new AttemptWindow(now, 0);
            if (current.Count >= limit)
            {
                return new CounterDecision(false, 0, current.OpenedAt + window);
            }

            var next = current with { Count = current.Count + 1 };
            var written = stored is null
                ? await _table.TryAddAsync(partitionKey, rowKey, next, cancellationToken)
                : await _table.TryReplaceAsync(partitionKey, rowKey, next, stored.ETag, cancellationToken);
            if (written is not null)
            {
                return new CounterDecision(true, limit - next.Count, next.OpenedAt + window);
            }
        }

        throw new StateContendedException($"Counter '{scope}' kept changing under {MaxConcurrencyRetries} attempts to count.");
    }

    /// <summary>Forgets the counted attempts: a success ends a run of failures.</summary>
    public async Task ResetAsync(string scope, string subject, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = Key(scope, subject);
        await _table.DeleteAsync(partitionKey, rowKey, cancellationToken);
    }

    private (string PartitionKey, string RowKey) Key(string scope, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        // The pseudonym spreads counters over partitions; the scope (a fixed, safe name) is the row.
        return (_keyring.Pseudonymize("counter:" + scope, subject), scope);
    }
}
