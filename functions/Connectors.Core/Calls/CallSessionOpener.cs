using Connectors.Core.Http;
using Connectors.Core.WrapUp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Calls;

/// <summary>
/// Connect: creates the call's session and queues the caller lookup, answering at once; it never
/// waits on the CRM. A repeated connect (a platform retrying its webhook) returns the stored session
/// and changes nothing; one that contradicts it (another caller number, another dry-run flag) is a 409,
/// since silently keeping either version would act on the wrong caller or write where it should not.
/// </summary>
public sealed class CallSessionOpener
{
    public static readonly IReadOnlyList<string> Platforms = ["amazon-connect", "twilio", "webhook"];

    private readonly ICallSessionStore _sessions;
    private readonly AccountFetchScheduler _scheduler;
    private readonly OpenCallIndex _openCalls;
    private readonly IOptionsMonitor<CallsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CallSessionOpener(ICallSessionStore sessions, AccountFetchScheduler scheduler, OpenCallIndex openCalls, IOptionsMonitor<CallsOptions> options, TimeProvider time, ILogger<CallSessionOpener> logger)
    {
        _sessions = sessions;
        _scheduler = scheduler;
        _openCalls = openCalls;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<(CallSession Session, bool Created)> OpenAsync(string callId, ConnectCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = NewSession(CallId.Validate(callId), request, _options.CurrentValue.DefaultCountryCode, _time.GetUtcNow());
        if (session.DialledE164 is null && !CallerNumbers.IsWithheld(request.DialledNumber))
        {
            _logger.LogWarning("Call {CallId}: the dialled number {Dialled} is not a phone number; ignored", session.CallId, PhoneNumber.MaskDigits(request.DialledNumber));
        }

        var (stored, created) = await _sessions.CreateIfAbsentAsync(session, cancellationToken);
        if (!created && Contradiction(stored, session) is { } contradiction)
        {
            throw new ProblemException(409, "call-connected-differently", "Call already connected differently",
                $"Call '{stored.CallId}' is already connected with another {contradiction}; a repeated connect must repeat the first one. Use a new call id for a new call.",
                new Dictionary<string, object?> { ["field"] = contradiction });
        }

        // Also on a repeat: if the first connect stored the session but lost its send, this repairs it;
        // otherwise the message id makes the send a no-op.
        await _scheduler.EnsureQueuedAsync(stored, cancellationToken);

        // Listed until its wrap-up starts, so a call whose platform never says "end" is still wrapped up (as abandoned).
        if (stored.EndedAt is null)
        {
            await _openCalls.AddAsync(stored.CallId, stored.ConnectedAt, cancellationToken);
        }
        if (created)
        {
            _logger.LogInformation("Call {CallId} connected on {Platform} from {Caller}", stored.CallId, stored.Platform,
                stored.CallerE164 is null ? "a withheld number" : PhoneNumber.MaskDigits(stored.CallerE164));
        }

        return (stored, created);
    }

    /// <summary>The session a connect creates, or a 400 problem saying what in the request is wrong. Pure.</summary>
    public static CallSession NewSession(string callId, ConnectCallRequest request, string defaultCountryCode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var platform = request.Platform?.Trim().ToLowerInvariant();
        if (platform is null || !Platforms.Contains(platform))
        {
            throw new ProblemException(400, "invalid-platform", "Invalid platform", $"'platform' must be one of: {string.Join(", ", Platforms)}.");
        }

        var caller = CallerNumbers.Normalize(request.CallerNumber, "callerNumber", defaultCountryCode);
        // The dialled number only informs (which line was called); one that does not parse, like the "+1234567890" of
        // Amazon Connect's sample event, is dropped rather than failing the call. OpenAsync logs it, masked.
        var dialled = CallerNumbers.TryNormalize(request.DialledNumber, defaultCountryCode);
        return AccountFetchTransitions.Connected(new CallSession
        {
            CallId = callId,
            Platform = platform,
            CallerE164 = caller?.E164,
            DialledE164 = dialled?.E164,
            IvrAccountNumber = NormalizeIvrDigits(request.IvrDigits),
            DryRun = request.DryRun,
            ConnectedAt = now,
        }, now);
    }

    /// <summary>What a repeated connect says differently from the stored session, by field name; null when it repeats it. Pure.</summary>
    public static string? Contradiction(CallSession stored, CallSession repeated)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(repeated);
        return !string.Equals(stored.CallerE164, repeated.CallerE164, StringComparison.Ordinal) ? "callerNumber"
            : stored.DryRun != repeated.DryRun ? "dryRun"
            : null;
    }

    /// <summary>Keypad digits, with the '#' that ends IVR entry and any spacing dropped; null when none were keyed.</summary>
    public static string? NormalizeIvrDigits(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var digits = raw.Trim().TrimEnd('#').Replace(" ", string.Empty, StringComparison.Ordinal);
        return digits.Length == 0 ? null
            : InputIdentifiers.IsIvrDigits(digits) ? digits
            : throw new ProblemException(400, "invalid-ivr-digits", "Invalid IVR digits", "'ivrDigits' is 1 to 32 keypad digits (0-9), optionally ended by '#'.");
    }
}
