namespace Connectors.Core.Calls;

/// <summary>
/// Serialises attempts on one call within this instance (knowledge checks, passcode verifies, account selections),
/// so a burst of them is answered one after another with exact counts instead of racing on the same ETags.
/// Across instances the ETag still decides; what it cannot settle in time becomes a retryable 409.
/// </summary>
public sealed class CallAttemptLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Waits until no other attempt on <paramref name="callId"/> runs here; dispose the lease to let the next one in.</summary>
    public async Task<IDisposable> EnterAsync(string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(callId, out entry!))
            {
                entry = new Entry();
                _entries[callId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(callId, entry, held: false);
            throw;
        }

        return new Lease(this, callId, entry);
    }

    private void Leave(string callId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Gate.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(callId);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Lease(CallAttemptLock owner, string callId, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(callId, entry, held: true);
            }
        }
    }
}
