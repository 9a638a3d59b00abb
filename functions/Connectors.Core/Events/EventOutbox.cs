using Connectors.Core.Storage;

namespace Connectors.Core.Events;

/// <summary>
/// The outbox of outbound events in the <c>OutboundEvents</c> table, one row per event in the partition of its state:
/// <c>pending</c> (to deliver), <c>sent</c> (every endpoint answered 2xx) or <c>dead</c> (rounds exhausted; resend
/// puts it back). A move writes the new row before deleting the old one, so a crash between leaves a redelivery
/// (the same id), never a loss.
/// </summary>
public sealed class EventOutbox
{
    public const string TableName = "OutboundEvents";
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Dead = "dead";

    private readonly DocumentTable<OutboundEvent> _table;

    public EventOutbox(DocumentTableFactory tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Open<OutboundEvent>(TableName);
    }

    /// <summary>Stores the event to deliver; false when it is already known (emitted before), so emitting twice sends once more at most.</summary>
    public async Task<bool> AddAsync(OutboundEvent outbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        if (await _table.GetAsync(Sent, outbound.Id, cancellationToken) is not null || await _table.GetAsync(Dead, outbound.Id, cancellationToken) is not null)
        {
            return false;
        }

        return await _table.TryAddAsync(Pending, outbound.Id, outbound, cancellationToken) is not null;
    }

    /// <summary>Pending events whose next attempt is due, oldest first.</summary>
    public async Task<IReadOnlyList<OutboundEvent>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(Pending, cancellationToken)).Select(d => d.Value).Where(e => e.NextAttemptAt <= now).OrderBy(e => e.Time).Take(max).ToList();

    public Task UpdatePendingAsync(OutboundEvent outbound, CancellationToken cancellationToken) => _table.UpsertAsync(Pending, outbound.Id, outbound, cancellationToken);

    public Task MarkSentAsync(OutboundEvent outbound, CancellationToken cancellationToken) => MoveAsync(outbound, Pending, Sent, cancellationToken);

    public Task DeadLetterAsync(OutboundEvent outbound, CancellationToken cancellationToken) => MoveAsync(outbound, Pending, Dead, cancellationToken);

    /// <summary>The event and the state it is in; null when the id is unknown.</summary>
    public async Task<(string State, OutboundEvent Event)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var state in new[] { Pending, Dead, Sent })
        {
            if (await _table.GetAsync(state, id, cancellationToken) is { } found)
            {
                return (state, found.Value);
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<OutboundEvent>> ListAsync(string state, CancellationToken cancellationToken) =>
        (await _table.QueryPartitionAsync(state, cancellationToken)).Select(d => d.Value).ToList();

    /// <summary>Puts a dead-lettered (or sent) event back to be delivered now: a dead one to the endpoints that missed it, a sent one to all.</summary>
    public async Task<OutboundEvent?> ResendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, cancellationToken);
        if (found is not { } f)
        {
            return null;
        }

        var again = f.Event with
        {
            DeliveredTo = f.State == Sent ? [] : f.Event.DeliveredTo,
            FailedRounds = 0,
            NextAttemptAt = now,
            DeadLetteredAt = null,
        };
        await MoveAsync(again, f.State, Pending, cancellationToken);
        return again;
    }

    private async Task MoveAsync(OutboundEvent outbound, string from, string to, CancellationToken cancellationToken)
    {
        await _table.UpsertAsync(to, outbound.Id, outbound, cancellationToken);
        if (from != to)
        {
            await _table.DeleteAsync(from, outbound.Id, cancellationToken);
        }
    }
}
