using Connectors.Core.Calls;
using Connectors.Core.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// The CRM port over Zendesk Support and Talk Partner Edition. The "account" is the end user: lookups return end
/// users and the snapshot reads the user's fields and requested tickets (<see cref="ZendeskUserReader"/>); a call
/// has one ticket, which the transfer's write, a voice ticket or the disposition creates, whichever comes first,
/// and the others update (<see cref="ZendeskCallTicketWriter"/>); notes are private comments on it
/// (<see cref="ZendeskNoteWriter"/>); screen pops use the TPE display API (<see cref="ZendeskScreenPopper"/>).
/// </summary>
public sealed class ZendeskCrmConnector : ICrmConnector
{
    private readonly ZendeskUserReader _users;
    private readonly ZendeskCallTicketWriter _tickets;
    private readonly ZendeskNoteWriter _notes;
    private readonly ZendeskScreenPopper _pops;
    private readonly ZendeskVoiceTicketWriter _voiceTickets;
    private readonly ILogger _logger;

    public ZendeskCrmConnector(HttpClient http, IOptions<ZendeskOptions> options, CrmMetrics metrics, ILogger<ZendeskCrmConnector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _logger = logger;
        var api = new ZendeskApiClient(http, metrics, logger);
        _users = new ZendeskUserReader(api, o, logger);
        _tickets = new ZendeskCallTicketWriter(api, o, logger);
        _notes = new ZendeskNoteWriter(api, o, logger);
        _pops = new ZendeskScreenPopper(api, o, logger);
        _voiceTickets = new ZendeskVoiceTicketWriter(api, logger);
    }

    public CrmKind Kind => CrmKind.Zendesk;

    public async Task<IReadOnlyList<CrmCandidate>> FindByPhoneAsync(PhoneNumber phone, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        using var scope = CallScope(call);
        return await _users.FindByPhoneAsync(phone, call, cancellationToken);
    }

    /// <summary>The end user whose <c>external_id</c> is the account number the caller keyed in (exact, not searched).</summary>
    public async Task<IReadOnlyList<CrmCandidate>> FindByAccountNumberAsync(string accountNumber, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountNumber);
        using var scope = CallScope(call);
        return await _users.FindByAccountNumberAsync(accountNumber, call, cancellationToken);
    }

    public async Task<AccountSnapshot?> GetAccountSnapshotAsync(string accountId, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var scope = CallScope(call);
        return ZendeskIds.TryParse(accountId, out var userId) ? await _users.ReadSnapshotAsync(userId, call, cancellationToken) : null;
    }

    /// <summary>The write lands on the call's one ticket (see <see cref="ZendeskCallTicketWriter"/>), created by whichever write comes first.</summary>
    public async Task<DispositionWriteResult> UpsertDispositionAsync(DispositionRecord disposition, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        using var scope = CallScope(call);
        return await _tickets.UpsertAsync(disposition, call, cancellationToken);
    }

    public async Task<CrmNoteResult> AddNoteAsync(CrmNote note, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (!ZendeskIds.TryParse(note.RecordId, out var ticketId))
        {
            throw new CrmRejectedException(CrmKind.Zendesk, 400, "InvalidRecordId", "A Zendesk ticket id is a positive integer.");
        }

        using var scope = CallScope(call);
        return await _notes.AddAsync(note, ticketId, call, cancellationToken);
    }

    public async Task<ScreenPopResult> PopRecordAsync(ScreenPopRequest request, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = CallScope(call);
        return await _pops.PopAsync(request, call, cancellationToken);
    }

    /// <summary>
    /// Records the call as a Talk Partner Edition voice ticket, popped on <see cref="ZendeskVoiceTicketRequest.DisplayToAgentId"/>'s
    /// screen when given; it is the call's one ticket (see <see cref="ZendeskVoiceTicketWriter"/>). An invalid agent is a 422:
    /// <see cref="CrmRejectedException"/>, nothing created.
    /// </summary>
    public async Task<ZendeskVoiceTicketResult> CreateVoiceTicketAsync(ZendeskVoiceTicketRequest request, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = CallScope(call);
        return await _voiceTickets.WriteAsync(request, call, cancellationToken);
    }

    /// <summary>The last line of a note's comment: how a repeat recognises the note it already wrote.</summary>
    internal static string NoteMarker(string key) => ZendeskNoteWriter.Marker(key);

    private IDisposable? CallScope(CrmCallContext call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _logger.BeginScope(new Dictionary<string, object> { [ConnectorsTelemetry.CallIdScopeKey] = call.CallId });
    }
}
