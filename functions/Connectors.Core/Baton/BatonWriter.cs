using System.Text.RegularExpressions;
using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Baton;

/// <summary>
/// Appends to a call's baton: checks the input, redacts it (before anything is stored), applies the transcript cap
/// and writes under the ETag. Only connected calls have a baton; who the caller is stays the session's business.
/// </summary>
public sealed partial class BatonWriter
{
    public const int MaxIntentLength = 200;
    public const int MaxSummaryLength = 4_000;
    public const int MaxNotes = 50;
    public const int MaxNoteLength = 2_000;
    public const int MaxLabelLength = 200;
    private const int AppendKeysKept = 256;

    /// <summary>The problem type of a write to the baton of a call already recorded.</summary>
    public const string AlreadyRecordedType = "call-already-recorded";

    public static readonly IReadOnlyList<string> Speakers = ["caller", "bot", "agent", "system"];

    private readonly BatonStore _batons;
    private readonly BatonExpiryIndex _expiries;
    private readonly ICallSessionStore _sessions;
    private readonly IOptionsMonitor<BatonOptions> _options;
    private readonly TimeProvider _time;

    public BatonWriter(BatonStore batons, BatonExpiryIndex expiries, ICallSessionStore sessions, IOptionsMonitor<BatonOptions> options, TimeProvider time)
    {
        _batons = batons;
        _expiries = expiries;
        _sessions = sessions;
        _options = options;
        _time = time;
    }

    /// <summary>Throws a 400 problem for bad input and a 404 when the call never connected.</summary>
    public async Task<BatonAppendResult> AppendAsync(string callId, BatonAppendRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CallId.Validate(callId);
        var options = _options.CurrentValue;
        var key = request.AppendId ?? idempotencyKey;
        Validate(request, key, options);
        var now = _time.GetUtcNow();
        // Two round trips (the baton's read and its conditional write): a baton exists only for a call that connected, so
        // the session is read only to create the first one. A session fact a later append must honour belongs on the baton.
        var baton = await _batons.UpdateAsync(
            callId,
            () => new Baton { CallId = callId, CreatedAt = now, UpdatedAt = now, ExpiresAt = now + options.TimeToLive },
            current => Apply(current, request, key, now, options.MaxTranscriptCharacters),
            async ct => _ = await _sessions.GetAsync(callId, ct) ?? throw CallNotFound(callId),
            cancellationToken);
        if (baton.CreatedAt == now)
        {
            await _expiries.AddAsync(BatonExpiryIndex.BatonKind, callId, baton.ExpiresAt, cancellationToken);
        }

        return new BatonAppendResult(callId, baton.Turns.Count, baton.SummarisedOutTurns, baton.ExpiresAt);
    }

    /// <summary>The change one append makes: pure, so it can be applied again to a newer baton after a lost race.</summary>
    internal static Baton? Apply(Baton current, BatonAppendRequest request, string? key, DateTimeOffset now, int maxTranscriptCharacters)
    {
        if (key is not null && current.AppendKeys.Contains(key, StringComparer.Ordinal))
        {
            return null;
        }

        RefuseIfRecorded(current);

        var inputs = request.Turns ?? [];
        var redaction = BatonRedactor.RedactTurns([.. inputs.Select(t => (t.Speaker!.Trim().ToLowerInvariant(), t.Text!.Trim()))], current.Turns);
        var added = inputs.Select((t, i) => new BatonTurn(t.Speaker!.Trim().ToLowerInvariant(), redaction.Texts[i], t.At ?? now));
        var (kept, dropped) = BatonTranscriptCap.Apply([.. Rewritten(current.Turns, redaction), .. added], maxTranscriptCharacters);
        var contextAsks = inputs.Count > 0 && BatonRedactor.AsksForCode(inputs[^1].Text!);

        return current with
        {
            UpdatedAt = now,
            Turns = kept,
            SummarisedOutTurns = current.SummarisedOutTurns + dropped,
            Intent = request.Intent is null ? current.Intent : BatonRedactor.Redact(request.Intent.Trim()),
            Summary = request.Summary is null ? current.Summary : BatonRedactor.Redact(request.Summary.Trim(), contextAsks),
            Amounts = request.Amounts is null
                ? current.Amounts
                : [.. request.Amounts.Select(a => new BatonAmount(a.Value!.Value, a.Currency!.Trim().ToUpperInvariant(), BatonRedactor.Redact(a.Label?.Trim() ?? string.Empty)))],
            Notes = request.Notes is null ? current.Notes : [.. current.Notes, .. request.Notes.Select(n => BatonRedactor.Redact(n.Trim(), BatonRedactor.AsksForCode(n)))],
            AppendKeys = key is null ? current.AppendKeys : [.. current.AppendKeys.TakeLast(AppendKeysKept - 1), key],
        };
    }

    /// <summary>The stored turns, with the last caller turn re-masked when the new turns completed a card number it began.</summary>
    private static IReadOnlyList<BatonTurn> Rewritten(IReadOnlyList<BatonTurn> turns, BatonRedaction redaction) =>
        redaction is { RewrittenStoredIndex: { } index, RewrittenStoredText: { } text }
            ? [.. turns.Select((turn, i) => i == index ? turn with { Text = text } : turn)]
            : turns;

    private static void Validate(BatonAppendRequest request, string? key, BatonOptions options)
    {
        var turns = request.Turns ?? [];
        if (turns.Count > options.MaxTurnsPerAppend)
        {
            throw Invalid("too-many-turns", $"One append carries at most {options.MaxTurnsPerAppend} turns; split it.");
        }

        foreach (var turn in turns)
        {
            if (turn is null || turn.Speaker is null || !Speakers.Contains(turn.Speaker.Trim().ToLowerInvariant()))
            {
                throw Invalid("invalid-turn", $"Each turn names its speaker: one of {string.Join(", ", Speakers)}.");
            }

            if (string.IsNullOrWhiteSpace(turn.Text) || turn.Text.Length > options.MaxTurnCharacters)
            {
                throw Invalid("invalid-turn", $"Each turn has text of 1 to {options.MaxTurnCharacters} characters.");
            }
        }

        if (request.Intent is { } intent && (intent.Trim().Length is 0 or > MaxIntentLength))
        {
            throw Invalid("invalid-intent", $"'intent' is 1 to {MaxIntentLength} characters, e.g. duplicate-charge dispute.");
        }

        if (request.Summary is { Length: > MaxSummaryLength })
        {
            throw Invalid("invalid-summary", $"'summary' is at most {MaxSummaryLength} characters.");
        }

        foreach (var amount in request.Amounts ?? [])
        {
            if (amount is null || amount.Value is null || amount.Currency is null || !CurrencyPattern().IsMatch(amount.Currency.Trim()) || amount.Label is { Length: > MaxLabelLength })
            {
                throw Invalid("invalid-amount", $"Each amount has a 'value', an ISO 4217 'currency' (e.g. USD) and a 'label' of at most {MaxLabelLength} characters.");
            }
        }

        var notes = request.Notes ?? [];
        if (notes.Count > MaxNotes || notes.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > MaxNoteLength))
        {
            throw Invalid("invalid-notes", $"At most {MaxNotes} notes per append, each 1 to {MaxNoteLength} characters.");
        }

        if (key is not null && !CallId.IsValid(key))
        {
            throw Invalid("invalid-append-id", "'appendId' (or Idempotency-Key) is 1 to 128 letters, digits, '.', '_', ':' and '-'.");
        }
    }

    internal static ProblemException CallNotFound(string callId) =>
        new(404, "call-not-found", "Call not found", $"No call '{callId}' has connected; POST /api/calls/{callId}/connect first.");

    /// <summary>A recorded call's story is told: an append, transfer or answer after it is a 409 problem, and changes nothing.</summary>
    internal static void RefuseIfRecorded(Baton current)
    {
        if (current.RecordedAt is not null)
        {
            throw new ProblemException(409, AlreadyRecordedType, "Call already recorded",
                $"Call '{current.CallId}' was recorded (wrapped up or swept as abandoned); its baton takes no more turns, transfers or answers.");
        }
    }

    private static ProblemException Invalid(string type, string detail) => new(400, type, "Invalid baton", detail);

    [GeneratedRegex("^[A-Za-z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}
