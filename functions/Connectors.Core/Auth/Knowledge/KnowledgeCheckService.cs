using Connectors.Core.Auth.Limits;
using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Knowledge;

/// <summary>
/// The knowledge check: the caller's last four and billing ZIP (and date of birth where configured) against
/// the selected account's cached snapshot, which holds them only as keyed hashes: the answers are normalised and
/// hashed the same way, and every digest is compared, always, in constant time, and a failure
/// never says which field was wrong. Each attempt is counted against the call and the account before the
/// comparison, so neither parallel nor sequential guessing gets past the limits.
/// </summary>
public sealed class KnowledgeCheckService
{
    public const string CallScope = "knowledge-call";
    public const string AccountScope = "knowledge-account";

    /// <summary>A call's counter outlives any call.</summary>
    internal static readonly TimeSpan CallWindow = TimeSpan.FromDays(1);

    private readonly VerificationSubjectLoader _subjects;
    private readonly WindowedAttemptCounter _counter;
    private readonly AuthAttemptRecorder _recorder;
    private readonly CallAttemptLock _attempts;
    private readonly KnowledgeAnswerSealer _sealer;
    private readonly KnowledgeCheckOptions _options;

    public KnowledgeCheckService(
        VerificationSubjectLoader subjects,
        WindowedAttemptCounter counter,
        AuthAttemptRecorder recorder,
        CallAttemptLock attempts,
        KnowledgeAnswerSealer sealer,
        IOptions<KnowledgeCheckOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sealer = sealer;
        _subjects = subjects;
        _attempts = attempts;
        _counter = counter;
        _recorder = recorder;
        _options = options.Value;
    }

    public async Task<StepUpResult> CheckAsync(string callId, KnowledgeCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var normalized = NormalizeAnswers(request);
        var (_, subject) = await _subjects.LoadAsync(callId, cancellationToken);
        var onFile = OnFile(subject);
        var answers = new KnowledgeAnswers(
            _sealer.Digest(subject.AccountId, KnowledgeAnswerSealer.LastFourField, normalized.LastFour)!,
            _sealer.Digest(subject.AccountId, KnowledgeAnswerSealer.BillingZipField, normalized.BillingZip)!,
            _sealer.Digest(subject.AccountId, KnowledgeAnswerSealer.DateOfBirthField, normalized.DateOfBirth));

        // One attempt at a time per call: a burst is counted exactly instead of racing on the counters' ETags.
        using var turn = await _attempts.EnterAsync(subject.CallId, cancellationToken);
        var perCall = await _counter.TryConsumeAsync(CallScope, subject.CallId, _options.MaxFailuresPerCall, CallWindow, cancellationToken);
        var perAccount = perCall.Allowed
            ? await _counter.TryConsumeAsync(AccountScope, subject.AccountId, _options.MaxFailuresPerAccount, _options.AccountLockoutWindow, cancellationToken)
            : perCall;
        if (!perAccount.Allowed)
        {
            await _recorder.RecordAsync(subject.CallId, AuthMethod.KnowledgeCheck, AuthOutcomes.LockedOut, subject.AccountId, null, cancellationToken);
            throw AuthProblems.LockedOut(perCall.Allowed ? "this account" : "this call", perAccount.ResetsAt);
        }

        if (Matches(answers, onFile))
        {
            await _counter.ResetAsync(CallScope, subject.CallId, cancellationToken);
            await _counter.ResetAsync(AccountScope, subject.AccountId, cancellationToken);
            var level = await _recorder.RecordAsync(
                subject.CallId, AuthMethod.KnowledgeCheck, AuthOutcomes.Passed, subject.AccountId, AssuranceLevel.Knowledge, cancellationToken);
            return new StepUpResult(AuthOutcomes.Passed, level);
        }

        var reached = await _recorder.RecordAsync(
            subject.CallId, AuthMethod.KnowledgeCheck, AuthOutcomes.Failed, subject.AccountId, null, cancellationToken);
        return new StepUpResult(AuthOutcomes.Failed, reached, Math.Min(perCall.Remaining, perAccount.Remaining));
    }

    /// <summary>Every field is compared whatever the others gave; the combination does not short-circuit.</summary>
    internal static bool Matches(KnowledgeAnswers presented, KnowledgeAnswers onFile)
    {
        var lastFour = ConstantTimeComparer.Equal(onFile.LastFour, presented.LastFour);
        var zip = ConstantTimeComparer.Equal(onFile.BillingZip, presented.BillingZip);
        var dateOfBirth = onFile.DateOfBirth is null || ConstantTimeComparer.Equal(onFile.DateOfBirth, presented.DateOfBirth);
        return lastFour & zip & dateOfBirth;
    }

    private KnowledgeAnswers NormalizeAnswers(KnowledgeCheckRequest request)
    {
        var lastFour = KnowledgeAnswerNormalizer.LastFourAnswer(request.LastFour)
            ?? throw Invalid("lastFour must be exactly four digits.");
        var zip = KnowledgeAnswerNormalizer.PostalCode(request.BillingZip)
            ?? throw Invalid("billingZip must be a postal code (a 5-digit ZIP, or ZIP+4).");
        string? dateOfBirth = null;
        if (_options.RequireDateOfBirth)
        {
            dateOfBirth = KnowledgeAnswerNormalizer.DateOfBirth(request.DateOfBirth)
                ?? throw Invalid("dateOfBirth is required here, as an ISO 8601 date (yyyy-MM-dd).");
        }

        return new KnowledgeAnswers(lastFour, zip, dateOfBirth);
    }

    /// <summary>The digests on file (sealing a snapshot that has not been stored yet, so both paths compare digests).</summary>
    private KnowledgeAnswers OnFile(VerificationSubject subject)
    {
        var digests = _sealer.Seal(subject.Snapshot).Knowledge;
        var lastFour = digests?.LastFour;
        var zip = digests?.BillingZip;
        var dateOfBirth = _options.RequireDateOfBirth ? digests?.DateOfBirth : null;
        if (lastFour is null || zip is null || (_options.RequireDateOfBirth && dateOfBirth is null))
        {
            throw new ProblemException(422, "knowledge-check-unavailable", "Knowledge check unavailable",
                "The selected account does not hold what the knowledge check asks for; verify the caller another way.");
        }

        return new KnowledgeAnswers(lastFour, zip, dateOfBirth);
    }

    private static ProblemException Invalid(string detail) =>
        new(400, "invalid-knowledge-answer", "Invalid answer format", detail);
}

/// <summary>Normalised answers, or their digests; <see cref="DateOfBirth"/> null when not asked.</summary>
internal sealed record KnowledgeAnswers(string LastFour, string BillingZip, string? DateOfBirth);
