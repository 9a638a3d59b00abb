using Connectors.Core.Auth.Limits;
using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// Checks an entered code against the call's current challenge for the selected account. The code's keyed
/// hash binds it to this call and account, so a code from another call (or for another account) never
/// matches. The challenge changes under its ETag, so of two racing entries of the right code one passes
/// and the other finds it used. Wrong codes also count against the account across calls.
/// </summary>
public sealed class PasscodeVerifyService
{
    public const string AccountScope = "otp-verify-account";

    private readonly VerificationSubjectLoader _subjects;
    private readonly PasscodeChallengeStore _challenges;
    private readonly WindowedAttemptCounter _counter;
    private readonly StepUpKeyring _keyring;
    private readonly AuthAttemptRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly CallAttemptLock _attempts;
    private readonly PasscodeOptions _options;

    public PasscodeVerifyService(
        VerificationSubjectLoader subjects,
        PasscodeChallengeStore challenges,
        WindowedAttemptCounter counter,
        StepUpKeyring keyring,
        AuthAttemptRecorder recorder,
        TimeProvider time,
        CallAttemptLock attempts,
        IOptions<PasscodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _attempts = attempts;
        _subjects = subjects;
        _challenges = challenges;
        _counter = counter;
        _keyring = keyring;
        _recorder = recorder;
        _time = time;
        _options = options.Value;
    }

    public async Task<StepUpResult> VerifyAsync(string callId, PasscodeVerifyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = PasscodeGenerator.Normalize(request.Code)
            ?? throw new ProblemException(400, "invalid-passcode-format", "Invalid code format", "code must be the six digits that were sent.");
        var (_, subject) = await _subjects.LoadAsync(callId, cancellationToken);

        // One attempt at a time per call: a burst is counted exactly instead of racing on the counters' ETags.
        using var turn = await _attempts.EnterAsync(subject.CallId, cancellationToken);
        var current = await _challenges.GetAsync(subject.CallId, cancellationToken)
            ?? throw NoCode();

        var account = await _counter.TryConsumeAsync(AccountScope, subject.AccountId, _options.MaxFailedVerifiesPerAccount, _options.VerifyLockoutWindow, cancellationToken);
        if (!account.Allowed)
        {
            await _recorder.RecordAsync(subject.CallId, current.Method, AuthOutcomes.LockedOut, subject.AccountId, null, cancellationToken);
            throw AuthProblems.LockedOut("this account", account.ResetsAt);
        }

        var presented = _keyring.HashPasscode(subject.CallId, subject.AccountId, code);
        var method = current.Method;
        var check = await _challenges.CheckAsync(subject.CallId, challenge =>
        {
            method = challenge.Method;
            return challenge.Check(presented, _time.GetUtcNow());
        }, cancellationToken) ?? throw NoCode();

        if (check.Outcome == AuthOutcomes.Passed)
        {
            await _counter.ResetAsync(AccountScope, subject.AccountId, cancellationToken);
            var level = await _recorder.RecordAsync(subject.CallId, method, AuthOutcomes.Passed, subject.AccountId, AssuranceLevel.Possession, cancellationToken);
            return new StepUpResult(AuthOutcomes.Passed, level);
        }

        var reached = await _recorder.RecordAsync(subject.CallId, method, check.Outcome, subject.AccountId, null, cancellationToken);
        return new StepUpResult(check.Outcome, reached, Math.Min(check.TriesRemaining, account.Remaining));
    }

    private static ProblemException NoCode() =>
        new(404, "no-passcode-issued", "No code issued", "No code has been sent on this call; ask for one first.");
}
