namespace Connectors.Simulators.Zendesk;

/// <summary>Every API request the simulator answered (or dropped), in arrival order. Thread-safe.</summary>
public sealed class ZendeskRequestLog
{
    private readonly object _gate = new();
    private readonly List<ZendeskLoggedRequest> _entries = [];

    public IReadOnlyList<ZendeskLoggedRequest> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.OrderBy(e => e.Sequence).ToList();
            }
        }
    }

    public void Add(ZendeskLoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
