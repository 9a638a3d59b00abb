using System.Globalization;
using System.Text.Json;
using Connectors.Core.Calls;
using Connectors.Core.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Connectors.Core.Crm.Zendesk.ZendeskWire;

namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// The CRM port over Zendesk Support and Talk Partner Edition. The "account" is the end user: lookups
/// return end users, the snapshot reads the user's fields and requested tickets, the disposition is a
/// ticket keyed by the call, notes are private comments on it, and screen pops use the TPE display API.
/// </summary>
/// <remarks>
/// The disposition ticket is found by its <c>external_id</c> before every create, not only on retries:
/// the connector is stateless and cannot tell a first attempt from a wrap-up replayed hours later (after
/// Zendesk's ~2 hour Idempotency-Key window), and one indexed read per call is cheap beside a duplicate
/// ticket. Retries inside one attempt (a timed-out POST) still ride on the Idempotency-Key.
/// </remarks>
public sealed class ZendeskCrmConnector : ICrmConnector
{
    public const string VoiceTicketWriteName = "voice-ticket";
    public const string VoiceTicketTag = "connectors_voice";

    private static readonly HashSet<string> OpenStatuses = new(StringComparer.OrdinalIgnoreCase) { "new", "open", "pending", "hold" };

    private readonly ZendeskApiClient _api;
    private readonly ZendeskOptions _options;
    private readonly ILogger _logger;

    public ZendeskCrmConnector(HttpClient http, IOptions<ZendeskOptions> options, CrmMetrics metrics, ILogger<ZendeskCrmConnector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _api = new ZendeskApiClient(http, metrics, logger);
    }

    public CrmKind Kind => CrmKind.Zendesk;

    /// <summary>
    /// End users whose phone ends with the number's national digits (<c>phone:*{digits}</c>, no <c>+</c>), which
    /// matches the number however it was stored: with the country code, with a trunk 0, with punctuation.
    /// New users are missing for a while: search reads an index that lags writes.
    /// </summary>
    public async Task<IReadOnlyList<CrmCandidate>> FindByPhoneAsync(PhoneNumber phone, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(call);
        using var scope = CallScope(call);
        var query = "role:end-user phone:*" + phone.NationalDigits;
        var users = await _api.SearchUsersAsync(query, _options.MaxCandidates, call, cancellationToken);
        var candidates = Candidates(users, "phone");
        _logger.LogInformation("Zendesk phone lookup for {Caller}: {CandidateCount} candidates", phone.Masked, candidates.Count);
        return candidates;
    }

    /// <summary>The end user whose <c>external_id</c> is the account number the caller keyed in (exact, not searched).</summary>
    public async Task<IReadOnlyList<CrmCandidate>> FindByAccountNumberAsync(string accountNumber, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountNumber);
        ArgumentNullException.ThrowIfNull(call);
        using var scope = CallScope(call);
        var users = await _api.FindUsersByExternalIdAsync(accountNumber.Trim(), call, cancellationToken);
        var candidates = Candidates(users, "account-number");
        _logger.LogInformation("Zendesk account-number lookup: {CandidateCount} candidates", candidates.Count);
        return candidates;
    }

    public async Task<AccountSnapshot?> GetAccountSnapshotAsync(string accountId, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!TryParseId(accountId, out var userId))
        {
            return null;
        }

        using var scope = CallScope(call);
        var userRead = _api.GetUserAsync(userId, call, cancellationToken);
        var ticketsRead = _api.GetRequestedTicketsAsync(userId, call, cancellationToken);
        await Task.WhenAll(userRead, ticketsRead);
        var user = await userRead;
        // Only end users are accounts; an agent's profile is never read out to a caller.
        if (user is null || !IsEndUser(user))
        {
            return null;
        }

        var tickets = await ticketsRead ?? [];
        var fields = user.UserFields ?? [];
        return new AccountSnapshot
        {
            AccountId = user.Id.ToString(CultureInfo.InvariantCulture),
            DisplayName = user.Name ?? string.Empty,
            Balance = DecimalField(fields, _options.BalanceField),
            Currency = TextField(fields, _options.CurrencyField)?.ToUpperInvariant(),
            CardLastFour = LastFour(TextField(fields, _options.CardLastFourField)),
            BillingZip = TextField(fields, _options.BillingZipField),
            DateOfBirth = IsoDate(TextField(fields, _options.DateOfBirthField)),
            MobileE164 = PhoneNumber.TryParse(user.Phone, _options.DefaultCountryCode, out var mobile, out _) ? mobile.E164 : null,
            Email = user.Email,
            AccountNumber = user.ExternalId,
            OpenCases = tickets
                .Where(t => t.Status is not null && OpenStatuses.Contains(t.Status))
                .Select(t => new CrmCaseSummary(Id(t.Id), t.Subject ?? string.Empty, t.Status!, t.CreatedAt))
                .ToList(),
            RecentContacts = tickets
                .OrderByDescending(t => t.CreatedAt)
                .Take(_options.RecentContacts)
                .Select(t => new CrmRecentContact(Id(t.Id), t.Via?.Channel ?? "unknown", t.Subject ?? string.Empty, t.CreatedAt))
                .ToList(),
        };
    }

    /// <summary>
    /// One ticket per call and write name. Looked up by <c>external_id</c> first (see the remarks on the
    /// class); created with the deterministic Idempotency-Key when absent (<c>hit</c> means already present);
    /// brought up to date with a safe update when it holds an older revision.
    /// </summary>
    public async Task<DispositionWriteResult> UpsertDispositionAsync(DispositionRecord disposition, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        ArgumentNullException.ThrowIfNull(call);
        using var scope = CallScope(call);
        var key = IdempotencyKey.For(disposition.CallKey, disposition.WriteName);
        var existing = await _api.FindTicketsByExternalIdAsync(key, call, cancellationToken);
        if (existing.Count > 0)
        {
            if (existing.Count > 1)
            {
                _logger.LogWarning("Zendesk holds {TicketCount} tickets for one disposition key; updating the oldest", existing.Count);
            }

            return await BringUpToDateAsync(existing.MinBy(t => t.Id)!, disposition, key, call, cancellationToken);
        }

        TicketCreated created;
        try
        {
            created = await _api.CreateTicketAsync(ZendeskDispositionTicket.ForCreate(disposition, key), key, call, cancellationToken);
        }
        catch (CrmRejectedException ex) when (ex.ErrorCode == "IdempotentRequestError")
        {
            // The key was first used with another body: our payload drifted between attempts. A retry
            // cannot fix it and another key would make a second ticket, so it is parked, loudly.
            _logger.LogError(ex, "Zendesk refused the disposition ticket: Idempotency-Key {KeyPrefix}… was first sent with a different payload. Payload drift is a bug; not retrying", key[..12]);
            throw;
        }

        var outcome = created.Replayed ? DispositionWriteOutcome.AlreadyPresent : DispositionWriteOutcome.Created;
        _logger.LogInformation("Zendesk disposition ticket {TicketId}: {Outcome}", created.Ticket.Id, outcome);
        return new DispositionWriteResult(outcome, Id(created.Ticket.Id), key);
    }

    /// <summary>
    /// A private comment ending with a marker line that carries the note's key. The ticket's stamp is
    /// read before its comments, and the comment is added with a safe update under that stamp: if the
    /// marker is absent but someone (or our own timed-out attempt) wrote since, Zendesk answers 409 and
    /// the comments are read again, so a repeat never adds a second comment.
    /// </summary>
    public async Task<CrmNoteResult> AddNoteAsync(CrmNote note, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(call);
        if (!TryParseId(note.RecordId, out var ticketId))
        {
            throw new CrmRejectedException(CrmKind.Zendesk, 400, "InvalidRecordId", "A Zendesk ticket id is a positive integer.");
        }

        using var scope = CallScope(call);
        var key = IdempotencyKey.For(note.CallKey, note.NoteName);
        var marker = NoteMarker(key);
        for (var attempt = 0; attempt < _options.MaxConflictRetries; attempt++)
        {
            var ticket = await _api.GetTicketAsync(ticketId, call, cancellationToken) ?? throw TicketMissing(ticketId);
            var comments = await _api.GetCommentsAsync(ticketId, call, cancellationToken) ?? throw TicketMissing(ticketId);
            var earlier = comments.FirstOrDefault(c => (c.Body ?? c.PlainBody ?? string.Empty).Contains(marker, StringComparison.Ordinal));
            if (earlier is not null)
            {
                _logger.LogInformation("Zendesk note already on ticket {TicketId} as comment {CommentId}", ticketId, earlier.Id);
                return new CrmNoteResult(Id(earlier.Id), AlreadyPresent: true);
            }

            var update = new TicketWrite
            {
                Comment = new CommentWrite { Body = $"{note.Title}\n\n{note.Body}\n\n{marker}", Public = false },
                SafeUpdate = true,
                UpdatedStamp = ticket.UpdatedAt,
            };
            var result = await _api.UpdateTicketAsync(ticketId, update, key, call, "add-note", cancellationToken);
            if (!result.Conflict)
            {
                var commentId = result.Audit?.Events?.FirstOrDefault(e => e.Type is "Comment" or "VoiceComment")?.Id ?? result.Audit?.Id ?? 0;
                _logger.LogInformation("Zendesk note added to ticket {TicketId} as comment {CommentId}", ticketId, commentId);
                return new CrmNoteResult(Id(commentId), AlreadyPresent: false);
            }

            _logger.LogInformation("Zendesk ticket {TicketId} changed under the note (safe update conflict); reading it again", ticketId);
        }

        throw new CrmUnavailableException(CrmKind.Zendesk, "conflict", outcomeUnknown: false);
    }

    /// <summary>TPE display: <c>user</c> opens the profile, <c>ticket</c> the ticket; a 404 (unknown agent or record) is "not delivered".</summary>
    public async Task<ScreenPopResult> PopRecordAsync(ScreenPopRequest request, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(call);
        var path = request.RecordType.ToLowerInvariant() switch
        {
            "user" => "users",
            "ticket" => "tickets",
            _ => null,
        };
        if (path is null)
        {
            return new ScreenPopResult(false, null, "unsupported-record-type");
        }

        if (!TryParseId(request.AgentId, out var agentId) || !TryParseId(request.RecordId, out var recordId))
        {
            return new ScreenPopResult(false, null, "invalid-id");
        }

        using var scope = CallScope(call);
        var key = IdempotencyKey.For(call.CallId, $"display:{agentId}:{path}:{recordId}");
        var delivered = await _api.DisplayAsync(agentId, path, recordId, key, call, cancellationToken);
        _logger.LogInformation("Zendesk screen pop of a {RecordType} to agent {AgentId}: {Delivered}", request.RecordType, agentId, delivered);
        var url = new Uri(_options.BaseUrl!, $"agent/{path}/{recordId}").AbsoluteUri;
        return delivered ? new ScreenPopResult(true, url) : new ScreenPopResult(false, url, "agent-or-record-not-found");
    }

    /// <summary>
    /// Records the call as a Talk Partner Edition voice ticket (via 44/45/46 with a voice comment), popped
    /// on <see cref="ZendeskVoiceTicketRequest.DisplayToAgentId"/>'s screen when given. Zendesk documents no
    /// idempotency key for this endpoint, so the create is sent once per attempt and the ticket is looked up
    /// by its external id first; a timed-out create surfaces as <see cref="CrmUnavailableException"/> with an
    /// unknown outcome, and the next attempt finds the ticket if it was made. An invalid agent is a 422:
    /// <see cref="CrmRejectedException"/>, nothing created.
    /// </summary>
    public async Task<ZendeskVoiceTicketResult> CreateVoiceTicketAsync(ZendeskVoiceTicketRequest request, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(call);
        using var scope = CallScope(call);
        var externalId = IdempotencyKey.For(request.CallKey, VoiceTicketWriteName);
        var existing = await _api.FindTicketsByExternalIdAsync(externalId, call, cancellationToken);
        if (existing.Count > 0)
        {
            return new ZendeskVoiceTicketResult(Id(existing.Min(t => t.Id)), AlreadyPresent: true);
        }

        var body = new VoiceTicketEnvelope(
            new VoiceTicketWrite
            {
                ViaId = (int)request.Direction,
                Subject = request.Subject,
                RequesterId = OptionalId(request.RequesterId),
                ExternalId = externalId,
                Tags = [VoiceTicketTag],
                VoiceComment = new VoiceComment
                {
                    From = request.From,
                    To = request.To,
                    RecordingUrl = request.RecordingUrl?.AbsoluteUri,
                    StartedAt = request.StartedAt,
                    CallDuration = request.DurationSeconds,
                    AnsweredById = OptionalId(request.AnsweredByAgentId),
                    TranscriptionText = request.TranscriptionText,
                    Location = request.Location,
                },
            },
            OptionalId(request.DisplayToAgentId));
        var ticket = await _api.CreateVoiceTicketAsync(body, call, cancellationToken);
        _logger.LogInformation("Zendesk voice ticket {TicketId} created", ticket.Id);
        return new ZendeskVoiceTicketResult(Id(ticket.Id), AlreadyPresent: false);
    }

    /// <summary>The last line of a note's comment: how a repeat recognises the note it already wrote.</summary>
    internal static string NoteMarker(string key) => $"[connectors-note {key}]";

    private async Task<DispositionWriteResult> BringUpToDateAsync(Ticket ticket, DispositionRecord disposition, string key, CrmCallContext call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _options.MaxConflictRetries; attempt++)
        {
            if (ZendeskDispositionTicket.Holds(ticket, disposition))
            {
                _logger.LogInformation("Zendesk disposition ticket {TicketId} already holds this disposition", ticket.Id);
                return new DispositionWriteResult(DispositionWriteOutcome.AlreadyPresent, Id(ticket.Id), key);
            }

            var result = await _api.UpdateTicketAsync(ticket.Id, ZendeskDispositionTicket.ForUpdate(disposition, ticket), key, call, "update-ticket", cancellationToken);
            if (!result.Conflict)
            {
                _logger.LogInformation("Zendesk disposition ticket {TicketId} updated", ticket.Id);
                return new DispositionWriteResult(DispositionWriteOutcome.Updated, Id(ticket.Id), key);
            }

            _logger.LogInformation("Zendesk ticket {TicketId} changed under the update (safe update conflict); reading it again", ticket.Id);
            ticket = await _api.GetTicketAsync(ticket.Id, call, cancellationToken) ?? throw TicketMissing(ticket.Id);
        }

        throw new CrmUnavailableException(CrmKind.Zendesk, "conflict", outcomeUnknown: false);
    }

    private static List<CrmCandidate> Candidates(IEnumerable<User> users, string matchedOn) =>
        users
            .Where(IsEndUser)
            .DistinctBy(u => u.Id)
            .Select(u => new CrmCandidate(Id(u.Id), u.Name ?? string.Empty, matchedOn))
            .ToList();

    private static bool IsEndUser(User user) => user.Role is null || string.Equals(user.Role, "end-user", StringComparison.OrdinalIgnoreCase);

    private static CrmRejectedException TicketMissing(long ticketId) =>
        new(CrmKind.Zendesk, 404, "RecordNotFound", $"Ticket {ticketId.ToString(CultureInfo.InvariantCulture)} does not exist.");

    private IDisposable? CallScope(CrmCallContext call) =>
        _logger.BeginScope(new Dictionary<string, object> { [ConnectorsTelemetry.CallIdScopeKey] = call.CallId });

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseId(string? value, out long id) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static long? OptionalId(string? value) => TryParseId(value, out var id) ? id : null;

    private static string? TextField(Dictionary<string, JsonElement> fields, string key) =>
        fields.TryGetValue(key, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text.Trim() : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Balance fields are numbers in some accounts and numeric text in others.</summary>
    private static decimal? DecimalField(Dictionary<string, JsonElement> fields, string key) =>
        fields.TryGetValue(key, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;

    /// <summary>Only ever the last four digits, even when a field wrongly holds a whole card number.</summary>
    private static string? LastFour(string? value)
    {
        var digits = value is null ? string.Empty : new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 4 ? digits[^4..] : null;
    }

    /// <summary>Zendesk date fields arrive as <c>yyyy-MM-dd</c>, sometimes with a time appended.</summary>
    private static string? IsoDate(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
