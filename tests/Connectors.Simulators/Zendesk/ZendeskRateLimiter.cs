namespace Connectors.Simulators.Zendesk;

/// <summary>
/// Zendesk's account-wide limit: a fixed number of requests per window (a minute in Zendesk), counted
/// on the business clock, and per-ticket update limits (30 per ten minutes).
/// </summary>
public sealed class ZendeskRateLimiter
{
    private readonly object _gate = new();
    private readonly ZendeskSimulatorSettings _settings;
    private readonly TimeProvider _clock;
    private readonly Dictionary<long, Queue<DateTimeOffset>> _ticketUpdates = [];
    private long _window = long.MinValue;
    private int _used;

    public ZendeskRateLimiter(ZendeskSimulatorSettings settings, TimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
    }

    /// <summary>Counts one request. Denied requests carry the whole seconds until the window resets.</summary>
    public (bool Allowed, int Limit, int Remaining, int RetryAfterSeconds) Take()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var windowTicks = _settings.RateLimitWindow.Ticks;
            var window = now.UtcTicks / windowTicks;
            if (window != _window)
            {
                _window = window;
                _used = 0;
            }

            var limit = _settings.RequestsPerWindow;
            if (_used >= limit)
            {
                var reset = new DateTimeOffset((window + 1) * windowTicks, TimeSpan.Zero) - now;
                return (false, limit, 0, Math.Max(1, (int)Math.Ceiling(reset.TotalSeconds)));
            }

            _used++;
            return (true, limit, limit - _used, 0);
        }
    }

    /// <summary>Counts one update of a ticket; denied past the per-ticket limit in the last ten minutes.</summary>
    public (bool Allowed, int RetryAfterSeconds) TakeTicketUpdate(long ticketId)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (!_ticketUpdates.TryGetValue(ticketId, out var times))
            {
                _ticketUpdates[ticketId] = times = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && now - times.Peek() >= TimeSpan.FromMinutes(10))
            {
                times.Dequeue();
            }

            if (times.Count >= _settings.TicketUpdatesPerTenMinutes)
            {
                return (false, Math.Max(1, (int)Math.Ceiling((times.Peek().AddMinutes(10) - now).TotalSeconds)));
            }

            times.Enqueue(now);
            return (true, 0);
        }
    }
}
