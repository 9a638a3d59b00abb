using System.Globalization;
using System.Text.RegularExpressions;
using Connectors.Core.Calls;
using Connectors.Core.Crm;
using Connectors.Core.Http;
using Connectors.Core.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Baton;

/// <summary>
/// The warm transfer: seals a version of the baton under a fresh agent token (stored only as its hash), records the
/// CRM record the agent's screen pops (Zendesk: the call's one ticket, created or updated with the baton's summary;
/// Salesforce: the verified contact or account), and returns what each platform carries. A slow or failing CRM never
/// stops a transfer: the record is then simply absent. A retried transfer (same id) rotates the token and adds nothing.
/// </summary>
public sealed partial class BatonTransferService
{
    public const string CrmWriteName = "baton-transfer";
    public const int MaxConnectSummary = 1_000;

    private readonly ICallSessionStore _sessions;
    private readonly BatonStore _batons;
    private readonly BatonSealStore _seals;
    private readonly BatonExpiryIndex _expiries;
    private readonly BatonViewBuilder _views;
    private readonly ICrmConnector _crm;
    private readonly BatonMetrics _metrics;
    private readonly IOptionsMonitor<BatonOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BatonTransferService> _logger;

    public BatonTransferService(
        ICallSessionStore sessions,
        BatonStore batons,
        BatonSealStore seals,
        BatonExpiryIndex expiries,
        BatonViewBuilder views,
        ICrmConnector crm,
        BatonMetrics metrics,
        IOptionsMonitor<BatonOptions> options,
        TimeProvider time,
        ILogger<BatonTransferService> logger)
    {
        _sessions = sessions;
        _batons = batons;
        _seals = seals;
        _expiries = expiries;
        _views = views;
        _crm = crm;
        _metrics = metrics;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<BatonTransferResult> TransferAsync(string callId, BatonTransferRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CallId.Validate(callId);
        var reason = request.Reason?.Trim();
        var target = request.Target?.Trim();
        if (reason is null || !CodePattern().IsMatch(reason))
        {
            throw new ProblemException(400, "invalid-transfer", "Invalid transfer", "'reason' is a short code of 1 to 64 letters, digits, '-' and '_', e.g. billing-dispute.");
        }

        if (target is null || !TargetPattern().IsMatch(target))
        {
            throw new ProblemException(400, "invalid-transfer", "Invalid transfer", "'target' names the queue or skill: 1 to 128 letters, digits, spaces, '.', '_', ':' and '-'.");
        }

        var key = request.TransferId ?? idempotencyKey;
        if (key is not null && !CallId.IsValid(key))
        {
            throw new ProblemException(400, "invalid-transfer", "Invalid transfer", "'transferId' (or Idempotency-Key) is 1 to 128 letters, digits, '.', '_', ':' and '-'.");
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object> { [ConnectorsTelemetry.CallIdScopeKey] = callId });
        var session = await _sessions.GetAsync(callId, cancellationToken) ?? throw BatonWriter.CallNotFound(callId);
        var options = _options.CurrentValue;
        var now = _time.GetUtcNow();
        var stored = await _batons.GetAsync(callId, cancellationToken);
        if (stored is not null)
        {
            // Before the CRM write: a recorded call's ticket takes no transfer comment either.
            BatonWriter.RefuseIfRecorded(stored);
        }

        var (recordType, recordId) = await CrmRecordAsync(session, stored, cancellationToken);

        var token = BatonToken.New();
        var hash = BatonToken.Hash(token);
        BatonTransfer? rotated = null;
        BatonTransfer? recorded = null;
        var baton = await _batons.UpdateAsync(
            callId,
            () => new Baton { CallId = callId, CreatedAt = now, UpdatedAt = now, ExpiresAt = now + options.TimeToLive },
            current =>
            {
                BatonWriter.RefuseIfRecorded(current);
                var previous = key is null ? null : current.Transfers.FirstOrDefault(t => t.IdempotencyKey == key);
                rotated = previous;
                recorded = new BatonTransfer
                {
                    Version = previous?.Version ?? current.NextVersion,
                    Reason = reason,
                    Target = target,
                    TokenHash = hash,
                    At = now,
                    IdempotencyKey = key,
                    CrmRecordType = recordType,
                    CrmRecordId = recordId,
                };
                var others = current.Transfers.Where(t => !ReferenceEquals(t, previous));
                return current with { UpdatedAt = now, Transfers = [.. others, recorded] };
            },
            cancellationToken);
        if (baton.CreatedAt == now)
        {
            await _expiries.AddAsync(BatonExpiryIndex.BatonKind, callId, baton.ExpiresAt, cancellationToken);
        }

        var transfer = recorded!;
        var expiresAt = Min(now + options.TokenLifetime, baton.ExpiresAt);
        var view = _views.Build(session, baton, transfer, expiresAt);
        var complete = BatonViewBuilder.IsComplete(view);
        await _seals.SaveAsync(hash, new BatonSeal { CallId = callId, Version = transfer.Version, SealedAt = now, ExpiresAt = expiresAt, View = view }, cancellationToken);
        await _expiries.AddAsync(BatonExpiryIndex.SealKind, hash, expiresAt, cancellationToken);
        if (rotated is not null)
        {
            // The retry's token replaces the first one's: one live link per transfer.
            await _seals.DeleteAsync(rotated.TokenHash, cancellationToken);
        }
        else
        {
            _metrics.RecordTransfer(complete);
        }

        _logger.LogInformation("Warm transfer v{Version} to {Target} ({Reason}); baton complete: {Complete}", transfer.Version, target, reason, complete);
        return Result(view, token, complete, options);
    }

    private BatonTransferResult Result(BatonView view, string token, bool complete, BatonOptions options)
    {
        var baseUrl = options.AgentLinkBaseUrl!;
        var agentUrl = new Uri(baseUrl, $"api/batons/{token}").AbsoluteUri;
        var pageUrl = new Uri(baseUrl, $"api/batons/{token}/view").AbsoluteUri;
        var crm = _crm.Kind == CrmKind.Zendesk ? "zendesk" : "salesforce";
        var amount = view.Amounts.Count > 0 ? view.Amounts[0] : null;
        var whisper = BatonWhisper.For(view);

        var connect = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["baton_url"] = pageUrl,
            ["baton_version"] = view.Version.ToString(CultureInfo.InvariantCulture),
            ["baton_complete"] = complete ? "true" : "false",
            ["baton_level"] = view.VerificationLevel,
            ["baton_intent"] = view.Intent ?? string.Empty,
            ["baton_summary"] = Truncate(view.Summary ?? string.Empty, MaxConnectSummary),
            ["baton_account"] = view.AccountId ?? string.Empty,
            ["baton_amount"] = amount is null ? string.Empty : $"{amount.Value.ToString("0.00", CultureInfo.InvariantCulture)} {amount.Currency}",
            ["baton_amount_label"] = amount?.Label ?? string.Empty,
            ["crm"] = crm,
            ["crm_record_type"] = view.CrmRecordType ?? string.Empty,
            ["crm_record_id"] = view.CrmRecordId ?? string.Empty,
            ["baton_whisper"] = whisper,
        };

        var twilio = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["baton"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["url"] = pageUrl,
                ["version"] = view.Version,
                ["complete"] = complete,
                ["verificationLevel"] = view.VerificationLevel,
                ["intent"] = view.Intent,
                ["summary"] = view.Summary,
                ["accountId"] = view.AccountId,
                ["amounts"] = view.Amounts,
            },
            ["crm"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["kind"] = crm, ["recordType"] = view.CrmRecordType, ["recordId"] = view.CrmRecordId },
            ["whisper"] = whisper,
        };

        return new BatonTransferResult
        {
            CallId = view.CallId,
            Version = view.Version,
            Token = token,
            AgentUrl = agentUrl,
            AgentPageUrl = pageUrl,
            ExpiresAt = view.ExpiresAt,
            Complete = complete,
            AmazonConnectAttributes = connect,
            TwilioTaskAttributes = twilio,
            Crm = crm,
            CrmRecordType = view.CrmRecordType,
            CrmRecordId = view.CrmRecordId,
            SipHeaders = BatonSipHeaders.For(token),
            Whisper = whisper,
        };
    }

    /// <summary>The record the agent's screen pops; null when there is none or the CRM cannot say now.</summary>
    private async Task<(string? Type, string? Id)> CrmRecordAsync(CallSession session, Baton? baton, CancellationToken cancellationToken)
    {
        if (_crm.Kind == CrmKind.Salesforce)
        {
            var contact = session.Account?.Snapshot is { } snapshot && snapshot.AccountId == session.SelectedAccountId ? snapshot.ContactId : null;
            return contact is not null ? ("Contact", contact) : session.SelectedAccountId is { } account ? ("Account", account) : (null, null);
        }

        try
        {
            var summary = string.Join("\n", new[] { baton?.Intent is { } intent ? "Intent: " + intent : null, baton?.Summary }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var written = await _crm.UpsertDispositionAsync(
                new DispositionRecord
                {
                    CallKey = session.CallId,
                    WriteName = CrmWriteName,
                    Interim = true,
                    OutcomeCode = "transferred",
                    Summary = summary.Length == 0 ? "Warm transfer" : summary,
                    AccountId = session.SelectedAccountId,
                    ContactId = session.Account?.Snapshot.ContactId,
                    CallerE164 = session.CallerE164,
                    CallStartedAt = session.ConnectedAt,
                    Subject = baton?.Intent is { } subject ? "Warm transfer: " + subject : "Warm transfer",
                },
                new CrmCallContext(session.CallId, session.DryRun),
                cancellationToken);
            return ("ticket", written.RecordId);
        }
        catch (Exception ex) when (ex is CrmUnavailableException or CrmRejectedException)
        {
            _logger.LogWarning("The transfer's Zendesk ticket could not be written ({ExceptionType}); the agent page still carries the baton", ex.GetType().Name);
            return (null, null);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TargetPattern();
}
