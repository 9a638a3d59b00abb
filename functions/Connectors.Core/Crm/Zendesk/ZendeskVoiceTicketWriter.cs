using Microsoft.Extensions.Logging;
using static Connectors.Core.Crm.Zendesk.ZendeskWire;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// Records the call as a Talk Partner Edition voice ticket (via 44/45/46 with a voice comment). It is the call's one
/// ticket: it carries the call's ticket key as its external id, so a disposition written later updates it and one
/// written earlier is found instead of a second ticket being made.
/// </summary>
internal sealed class ZendeskVoiceTicketWriter
{
    public const string VoiceTicketTag = "connectors_voice";

    private readonly ZendeskApiClient _api;
    private readonly ILogger _logger;

    public ZendeskVoiceTicketWriter(ZendeskApiClient api, ILogger logger)
    {
        _api = api;
        _logger = logger;
    }

    /// <summary>
    /// Zendesk documents no idempotency key for this endpoint, so the create is sent once per attempt and the
    /// ticket is looked up by its external id first; a timed-out create surfaces as <see cref="CrmUnavailableException"/>
    /// with an unknown outcome, and the next attempt finds the ticket if it was made.
    /// </summary>
    public async Task<ZendeskVoiceTicketResult> WriteAsync(ZendeskVoiceTicketRequest request, CrmCallContext call, CancellationToken cancellationToken)
    {
        var externalId = ZendeskCallTicket.KeyFor(request.CallKey);
        var existing = await _api.FindTicketsByExternalIdAsync(externalId, call, cancellationToken);
        if (existing.Count > 0)
        {
            return new ZendeskVoiceTicketResult(ZendeskIds.Text(existing.Min(t => t.Id)), AlreadyPresent: true);
        }

        var body = new VoiceTicketEnvelope(
            new VoiceTicketWrite
            {
                ViaId = (int)request.Direction,
                Subject = request.Subject,
                RequesterId = ZendeskIds.Optional(request.RequesterId),
                ExternalId = externalId,
                Tags = [VoiceTicketTag],
                VoiceComment = new VoiceComment
                {
                    From = request.From,
                    To = request.To,
                    RecordingUrl = request.RecordingUrl?.AbsoluteUri,
                    StartedAt = request.StartedAt,
                    CallDuration = request.DurationSeconds,
                    AnsweredById = ZendeskIds.Optional(request.AnsweredByAgentId),
                    TranscriptionText = request.TranscriptionText,
                    Location = request.Location,
                },
            },
            ZendeskIds.Optional(request.DisplayToAgentId));
        var ticket = await _api.CreateVoiceTicketAsync(body, call, cancellationToken);
        _logger.LogInformation("Zendesk voice ticket {TicketId} created", ticket.Id);
        return new ZendeskVoiceTicketResult(ZendeskIds.Text(ticket.Id), AlreadyPresent: false);
    }
}
