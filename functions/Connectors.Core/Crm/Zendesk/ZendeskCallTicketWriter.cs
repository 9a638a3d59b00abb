using Microsoft.Extensions.Logging;
using static Connectors.Core.Crm.Zendesk.ZendeskWire;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// Writes to the call's one ticket (see <see cref="ZendeskCallTicket"/>): the first write under the call's key creates
/// it, every later one updates it. Looked up by <c>external_id</c> before every create, not only on retries: the
/// connector is stateless and cannot tell a first attempt from a wrap-up replayed hours later (after Zendesk's
/// ~2 hour Idempotency-Key window), and one indexed read per write is cheap beside a duplicate ticket. Retries
/// inside one attempt (a timed-out POST) still ride on the Idempotency-Key.
/// </summary>
internal sealed class ZendeskCallTicketWriter
{
    private readonly ZendeskApiClient _api;
    private readonly ZendeskOptions _options;
    private readonly ILogger _logger;

    public ZendeskCallTicketWriter(ZendeskApiClient api, ZendeskOptions options, ILogger logger)
    {
        _api = api;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Creates the call's ticket with this write's content when there is none (<c>hit</c> means an earlier attempt
    /// already did), or brings the existing one up to date with a safe update when it lacks this write's revision.
    /// </summary>
    public async Task<DispositionWriteResult> UpsertAsync(DispositionRecord disposition, CrmCallContext call, CancellationToken cancellationToken)
    {
        var ticketKey = ZendeskCallTicket.KeyFor(disposition.CallKey);
        var writeKey = IdempotencyKey.For(disposition.CallKey, disposition.WriteName);
        if (await FindAsync(ticketKey, call, cancellationToken) is { } existing)
        {
            return await BringUpToDateAsync(existing, disposition, writeKey, call, cancellationToken);
        }

        TicketCreated created;
        try
        {
            created = await _api.CreateTicketAsync(ZendeskDispositionTicket.ForCreate(disposition, ticketKey, _options), ticketKey, call, cancellationToken);
        }
        catch (CrmRejectedException ex) when (ex.ErrorCode == "IdempotentRequestError")
        {
            // Another write of this call created the ticket first under the same key (its body differs from ours):
            // ours becomes an update of that ticket.
            if (await FindAsync(ticketKey, call, cancellationToken) is { } raced)
            {
                _logger.LogInformation("Another write of the call created its Zendesk ticket {TicketId} first; updating it", raced.Id);
                return await BringUpToDateAsync(raced, disposition, writeKey, call, cancellationToken);
            }

            // The key was first used with another body and no ticket carries it: our payload drifted between attempts.
            // A retry cannot fix it and another key would make a second ticket, so it is parked, loudly.
            _logger.LogError(ex, "Zendesk refused the call's ticket: Idempotency-Key {KeyPrefix}… was first sent with a different payload. Payload drift is a bug; not retrying", ticketKey[..12]);
            throw;
        }

        var outcome = created.Replayed ? DispositionWriteOutcome.AlreadyPresent : DispositionWriteOutcome.Created;
        _logger.LogInformation("Zendesk call ticket {TicketId} ({WriteName}): {Outcome}", created.Ticket.Id, disposition.WriteName, outcome);
        return new DispositionWriteResult(outcome, ZendeskIds.Text(created.Ticket.Id), writeKey);
    }

    private async Task<Ticket?> FindAsync(string ticketKey, CrmCallContext call, CancellationToken cancellationToken)
    {
        var existing = await _api.FindTicketsByExternalIdAsync(ticketKey, call, cancellationToken);
        if (existing.Count > 1)
        {
            _logger.LogWarning("Zendesk holds {TicketCount} tickets for one call; updating the oldest", existing.Count);
        }

        return existing.MinBy(t => t.Id);
    }

    private async Task<DispositionWriteResult> BringUpToDateAsync(Ticket ticket, DispositionRecord disposition, string writeKey, CrmCallContext call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _options.MaxConflictRetries; attempt++)
        {
            if (ZendeskDispositionTicket.Holds(ticket, disposition))
            {
                _logger.LogInformation("Zendesk call ticket {TicketId} already holds this {WriteName}", ticket.Id, disposition.WriteName);
                return new DispositionWriteResult(DispositionWriteOutcome.AlreadyPresent, ZendeskIds.Text(ticket.Id), writeKey);
            }

            var update = ZendeskDispositionTicket.ForUpdate(disposition, ticket, _options);
            var result = await _api.UpdateTicketAsync(ticket.Id, update, writeKey, call, "update-ticket", cancellationToken);
            if (!result.Conflict)
            {
                _logger.LogInformation("Zendesk call ticket {TicketId} updated with the {WriteName}", ticket.Id, disposition.WriteName);
                return new DispositionWriteResult(DispositionWriteOutcome.Updated, ZendeskIds.Text(ticket.Id), writeKey);
            }

            _logger.LogInformation("Zendesk ticket {TicketId} changed under the update (safe update conflict); reading it again", ticket.Id);
            ticket = await _api.GetTicketAsync(ticket.Id, call, cancellationToken) ?? throw ZendeskIds.TicketMissing(ticket.Id);
        }

        throw new CrmUnavailableException(CrmKind.Zendesk, "conflict", outcomeUnknown: false);
    }
}
