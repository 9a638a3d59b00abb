using System.Text.Json.Nodes;

namespace Connectors.Simulators.Zendesk;

/// <summary>
/// The simulated account's records, in memory. One lock guards everything, so a ticket create and
/// its idempotency record, or a safe update's stamp check and its write, are atomic as in Zendesk.
/// Tests read and change it directly (copies out, edits through <see cref="EditTicketAsAgent"/>).
/// </summary>
public sealed class ZendeskAccount
{
    private readonly TimeProvider _clock;
    private long _nextTicketId = ZendeskSeedData.FirstNewTicketId;
    private long _nextUserId = 390_000_001;
    private long _nextEventId = 900_000_001;

    public ZendeskAccount(TimeProvider clock, bool seed)
    {
        _clock = clock;
        if (seed)
        {
            var now = clock.GetUtcNow();
            foreach (var user in ZendeskSeedData.Users(now))
            {
                UserTable[user.Id] = user;
            }

            foreach (var ticket in ZendeskSeedData.Tickets(now))
            {
                TicketTable[ticket.Id] = ticket;
            }
        }
    }

    public int TicketCount
    {
        get
        {
            lock (Sync)
            {
                return TicketTable.Count;
            }
        }
    }

    public IReadOnlyList<ZendeskDisplay> Displays
    {
        get
        {
            lock (Sync)
            {
                return [.. DisplayLog];
            }
        }
    }

    internal object Sync { get; } = new();

    internal Dictionary<long, ZendeskSimUser> UserTable { get; } = [];

    internal SortedDictionary<long, ZendeskSimTicket> TicketTable { get; } = [];

    internal Dictionary<string, IdempotencyRecord> IdempotencyTable { get; } = new(StringComparer.Ordinal);

    internal List<ZendeskDisplay> DisplayLog { get; } = [];

    public IReadOnlyList<ZendeskSimTicket> Tickets()
    {
        lock (Sync)
        {
            return TicketTable.Values.Select(t => t.Clone()).ToList();
        }
    }

    public ZendeskSimTicket? Ticket(long id)
    {
        lock (Sync)
        {
            return TicketTable.TryGetValue(id, out var ticket) ? ticket.Clone() : null;
        }
    }

    public ZendeskSimUser? User(long id)
    {
        lock (Sync)
        {
            return UserTable.TryGetValue(id, out var user) ? user.Clone() : null;
        }
    }

    /// <summary>Adds a user as of now (so search finds it only after the index lag); returns its id.</summary>
    public long AddUser(ZendeskSimUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (Sync)
        {
            var copy = user.Clone();
            copy.Id = copy.Id == 0 ? _nextUserId++ : copy.Id;
            copy.CreatedAt = copy.UpdatedAt = WholeSeconds(_clock.GetUtcNow());
            UserTable[copy.Id] = copy;
            return copy.Id;
        }
    }

    /// <summary>An agent's edit, as if made in the agent UI: the ticket's stamp moves on.</summary>
    public void EditTicketAsAgent(long id, Action<ZendeskSimTicket> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (Sync)
        {
            var ticket = TicketTable[id];
            edit(ticket);
            Touch(ticket);
        }
    }

    internal long NextTicketId() => _nextTicketId++;

    internal long NextEventId() => _nextEventId++;

    internal DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Zendesk stamps whole seconds; every update moves the stamp on, even two in one second.</summary>
    internal void Touch(ZendeskSimTicket ticket)
    {
        var now = WholeSeconds(_clock.GetUtcNow());
        ticket.UpdatedAt = now > ticket.UpdatedAt ? now : ticket.UpdatedAt.AddSeconds(1);
    }

    internal static DateTimeOffset WholeSeconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>What Zendesk keeps per Idempotency-Key: the request it came with and the answer it got.</summary>
    internal sealed record IdempotencyRecord(JsonNode? Request, string Response, DateTimeOffset At);
}
