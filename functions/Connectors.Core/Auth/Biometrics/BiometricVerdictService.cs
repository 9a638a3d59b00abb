using System.Text.Json;
using Connectors.Core.Calls;
using Connectors.Core.Http;
using Connectors.Core.Retries;
using Connectors.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Biometrics;

/// <summary>
/// Accepts a vendor's signed voice-biometric verdict. In order: the vendor is known and the signature
/// verifies within the tolerance (else 401, whatever the call: no probing for sessions) → the body parses
/// → the verdict names this call and its selected account (else 422) → a match at or above the vendor's minimum score
/// raises the level to <see cref="AssuranceLevel.Biometric"/>. Every refusal on an existing call is recorded as an
/// attempt. A vendor's retry (the same assertion, signed again) gets the first answer and records nothing more; the
/// same assertion id with another body is a 409 request-id-reused, recorded as a replay.
/// </summary>
public sealed class BiometricVerdictService
{
    private readonly ICallSessionStore _sessions;
    private readonly VerificationSubjectLoader _subjects;
    private readonly RequestReplayStores _replays;
    private readonly FirstAnswerReplayer _replayer;
    private readonly StepUpKeyring _keyring;
    private readonly AuthAttemptRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly BiometricOptions _options;
    private readonly Dictionary<string, BiometricVendorOptions> _vendors;
    private readonly ILogger _logger;

    public BiometricVerdictService(
        ICallSessionStore sessions,
        VerificationSubjectLoader subjects,
        RequestReplayStores replays,
        FirstAnswerReplayer replayer,
        StepUpKeyring keyring,
        AuthAttemptRecorder recorder,
        TimeProvider time,
        IOptions<BiometricOptions> options,
        ILogger<BiometricVerdictService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sessions = sessions;
        _subjects = subjects;
        _replays = replays;
        _replayer = replayer;
        _keyring = keyring;
        _recorder = recorder;
        _time = time;
        _options = options.Value;
        _vendors = new Dictionary<string, BiometricVendorOptions>(_options.Vendors, StringComparer.OrdinalIgnoreCase);
        _logger = logger;
    }

    public static bool IsValidVendorName(string? name) => InputIdentifiers.IsVendorName(name);

    public async Task<StepUpResult> AcceptAsync(string callId, string? vendorName, string? signatureHeader, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        CallId.Validate(callId);
        if (!string.IsNullOrEmpty(vendorName) && !IsValidVendorName(vendorName))
        {
            // A malformed name is the sender's mistake, answered before anything is looked up or recorded.
            throw new ProblemException(400, "invalid-biometric-vendor", "Invalid vendor name",
                $"{BiometricSignature.VendorHeaderName} is 1 to {InputIdentifiers.VendorNameMaxLength} letters, digits and '-'.");
        }

        var now = _time.GetUtcNow();
        BiometricVendorOptions? vendor = null;
        var check = IsValidVendorName(vendorName) && _vendors.TryGetValue(vendorName!, out vendor)
            ? BiometricSignature.Validate(signatureHeader, body.Span, vendor.Secret, now, _options.Tolerance)
            : BiometricSignatureCheck.Mismatch;
        if (check != BiometricSignatureCheck.Valid || vendor is null)
        {
            var outcome = check == BiometricSignatureCheck.Stale ? AuthOutcomes.Stale : AuthOutcomes.SignatureInvalid;
            await RecordRefusalAsync(callId, outcome, cancellationToken);
            _logger.LogWarning("Biometric verdict for call {CallId} refused: {Check}", callId, check);
            throw check == BiometricSignatureCheck.Stale
                ? new ProblemException(401, "biometric-assertion-stale", "Stale assertion",
                    $"The signature's timestamp is more than {_options.Tolerance.TotalMinutes:0} minutes from now; sign each verdict when it is sent.")
                : new ProblemException(401, "biometric-signature-invalid", "Invalid signature",
                    $"Send {BiometricSignature.VendorHeaderName} (a configured vendor) and {BiometricSignature.HeaderName}: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"{{t}}.{{body}}\">.");
        }

        var assertion = Parse(body);
        var fingerprint = System.Text.Encoding.UTF8.GetBytes(callId + "\n").Concat(body.ToArray()).ToArray();
        try
        {
            return await _replayer.AnswerOnceAsync(
                _replays.BiometricVerdicts,
                new ReplayedRequest(vendorName!, assertion.AssertionId!, fingerprint),
                ct => JudgeAsync(callId, assertion, vendor, ct),
                cancellationToken);
        }
        catch (ProblemException reused) when (reused.Slug == FirstAnswerReplayer.ReusedSlug)
        {
            await RecordRefusalAsync(callId, AuthOutcomes.Replayed, cancellationToken);
            throw;
        }
    }

    private async Task<StepUpResult> JudgeAsync(string callId, BiometricAssertion assertion, BiometricVendorOptions vendor, CancellationToken cancellationToken)
    {
        var (_, subject) = await _subjects.LoadAsync(callId, cancellationToken);
        // The account is named by the CRM's id (a vendor integrated with the CRM) or by the reference the call's summary shows.
        var namesAccount = string.Equals(assertion.AccountId, subject.AccountId, StringComparison.Ordinal)
            || string.Equals(assertion.AccountId, _keyring.AccountReference(subject.CallId, subject.AccountId), StringComparison.Ordinal);
        if (!string.Equals(assertion.CallId, subject.CallId, StringComparison.Ordinal) || !namesAccount)
        {
            await _recorder.RecordAsync(subject.CallId, Method, AuthOutcomes.Mismatch, subject.AccountId, null, cancellationToken);
            throw new ProblemException(422, "biometric-assertion-mismatch", "Assertion is about another call or account",
                "The verdict must name this call and the account selected on it.");
        }

        var passed = string.Equals(assertion.Decision, "match", StringComparison.Ordinal) && assertion.Score >= vendor.MinimumScore;
        var result = passed ? AuthOutcomes.Passed
            : string.Equals(assertion.Decision, "match", StringComparison.Ordinal) ? AuthOutcomes.BelowThreshold
            : AuthOutcomes.NoMatch;
        var level = await _recorder.RecordAsync(subject.CallId, Method, result, subject.AccountId, passed ? AssuranceLevel.Biometric : null, cancellationToken);
        return new StepUpResult(result, level);
    }

    private static AuthMethod Method => AuthMethod.VoiceBiometric;

    private static BiometricAssertion Parse(ReadOnlyMemory<byte> body)
    {
        BiometricAssertion? assertion;
        try
        {
            assertion = JsonSerializer.Deserialize<BiometricAssertion>(body.Span, ConnectorsJson.Options);
        }
        catch (JsonException)
        {
            assertion = null;
        }

        if (assertion is null || !IsValidAssertionId(assertion.AssertionId) || string.IsNullOrEmpty(assertion.CallId) ||
            string.IsNullOrEmpty(assertion.AccountId) || string.IsNullOrEmpty(assertion.Decision) || assertion.Score is not (>= 0 and <= 1))
        {
            throw new ProblemException(400, "invalid-biometric-assertion", "Invalid assertion",
                "The body must be a JSON object with assertionId (1-128 of letters, digits, '.', '_', ':', '-'), callId, accountId, decision and score (0..1).");
        }

        return assertion;
    }

    private async Task RecordRefusalAsync(string callId, string outcome, CancellationToken cancellationToken)
    {
        // Only on a call that exists, and quietly: the caller learns nothing about sessions from a refusal.
        var session = await _sessions.GetAsync(callId, cancellationToken);
        if (session is not null)
        {
            await _recorder.RecordAsync(callId, Method, outcome, session.SelectedAccountId, null, cancellationToken);
        }
    }

    private static bool IsValidAssertionId(string? id) => InputIdentifiers.IsAssertionId(id);
}
