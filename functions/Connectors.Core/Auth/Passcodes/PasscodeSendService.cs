using System.Globalization;
using System.Net.Mail;
using Connectors.Core.Auth.Limits;
using Connectors.Core.Auth.Senders;
using Connectors.Core.Calls;
using Connectors.Core.Http;
using Connectors.Core.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// Sends a one-time code to the channel ON FILE for the call's selected account. In order: destination
/// from the cached snapshot → SMS country allow-list → resend cool-down → per-account and per-destination
/// hourly caps → outbox row (before the send) → the code's keyed hash → the send → the row marked sent,
/// failed or unknown. Nothing ever re-sends a row: after an unknown outcome the caller may ask again, which
/// takes the same checks and makes a new code.
/// </summary>
public sealed class PasscodeSendService
{
    public const string AccountCapScope = "otp-send-account";
    public const string DestinationCapScope = "otp-send-destination";
    internal static readonly TimeSpan CapWindow = TimeSpan.FromHours(1);

    private readonly VerificationSubjectLoader _subjects;
    private readonly PasscodeChallengeStore _challenges;
    private readonly PasscodeOutbox _outbox;
    private readonly WindowedAttemptCounter _counter;
    private readonly StepUpKeyring _keyring;
    private readonly PasscodeMessageCatalog _messages;
    private readonly ISmsSender _sms;
    private readonly IEmailSender _email;
    private readonly AuthAttemptRecorder _recorder;
    private readonly AuthMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly PasscodeOptions _options;
    private readonly ILogger _logger;

    public PasscodeSendService(
        VerificationSubjectLoader subjects,
        PasscodeChallengeStore challenges,
        PasscodeOutbox outbox,
        WindowedAttemptCounter counter,
        StepUpKeyring keyring,
        PasscodeMessageCatalog messages,
        ISmsSender sms,
        IEmailSender email,
        AuthAttemptRecorder recorder,
        AuthMetrics metrics,
        TimeProvider time,
        IOptions<PasscodeOptions> options,
        ILogger<PasscodeSendService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _subjects = subjects;
        _challenges = challenges;
        _outbox = outbox;
        _counter = counter;
        _keyring = keyring;
        _messages = messages;
        _sms = sms;
        _email = email;
        _recorder = recorder;
        _metrics = metrics;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<PasscodeSendResponse> SendAsync(string callId, PasscodeSendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = request.Channel ?? throw new ProblemException(400, "invalid-passcode-request", "Invalid request", "channel is required: 'sms' or 'email'.");
        var (_, subject) = await _subjects.LoadAsync(callId, cancellationToken);
        var destination = DestinationOnFile(subject, channel);
        using var scope = _logger.BeginScope(new Dictionary<string, object> { [ConnectorsTelemetry.CallIdScopeKey] = subject.CallId });

        if (destination.Phone is { } phone && !SmsCountryAllowList.Allows(_options.EffectiveSmsCountryAllowList, phone))
        {
            await RefuseAsync(subject, channel, destination, "country-not-allowed", cancellationToken);
            throw new ProblemException(422, "sms-country-not-allowed", "SMS not allowed to this country",
                "The mobile number on file is outside the countries codes may be texted to; use email or another method.");
        }

        var now = _time.GetUtcNow();
        var sends = (await _outbox.ForCallAsync(subject.CallId, cancellationToken))
            .Where(e => e.Purpose == PasscodeOutboxEntry.OtpPurpose && e.Channel == channel)
            .ToList();
        var last = sends.MaxBy(e => e.SendNumber);
        if (last is { MayHaveBeenSent: true } && now < last.CreatedAt + _options.ResendCooldown)
        {
            await RefuseAsync(subject, channel, destination, "cooldown", cancellationToken);
            throw TooSoon("otp-resend-cooldown", "Resend too soon",
                "A code was just sent on this channel and may still arrive; ask the caller, or ask again after the cool-down.", last.CreatedAt + _options.ResendCooldown);
        }

        var accountCap = await _counter.TryConsumeAsync(AccountCapScope, subject.AccountId, _options.MaxSendsPerAccountPerHour, CapWindow, cancellationToken);
        var destinationCap = accountCap.Allowed
            ? await _counter.TryConsumeAsync(DestinationCapScope, destination.Key, _options.MaxSendsPerDestinationPerHour, CapWindow, cancellationToken)
            : accountCap;
        if (!destinationCap.Allowed)
        {
            await RefuseAsync(subject, channel, destination, "send-limit", cancellationToken);
            throw TooSoon("otp-send-limit", "Too many codes sent",
                "The codes allowed per hour for this account or destination are spent; verify the caller another way.", destinationCap.ResetsAt);
        }

        var sender = SenderName(channel);
        var entry = new PasscodeOutboxEntry
        {
            CallId = subject.CallId,
            Purpose = PasscodeOutboxEntry.OtpPurpose,
            Channel = channel,
            SendNumber = (last?.SendNumber ?? 0) + 1,
            Provider = sender,
            AccountId = subject.AccountId,
            DestinationMasked = destination.Masked,
            DestinationPseudonym = _keyring.Pseudonymize("destination", destination.Key),
            RequestId = Guid.NewGuid(),
            CreatedAt = now,
        };
        if (!await _outbox.TryAddAsync(entry, cancellationToken))
        {
            throw TooSoon("otp-send-in-progress", "A send is in progress", "Another code is being sent on this call right now.", now + _options.ResendCooldown);
        }

        var code = PasscodeGenerator.NewCode();
        var challenge = new PasscodeChallenge
        {
            AccountId = subject.AccountId,
            Channel = channel,
            CodeHash = Convert.ToBase64String(_keyring.HashPasscode(subject.CallId, subject.AccountId, code)),
            IssuedAt = now,
            ExpiresAt = now + _options.CodeLifetime,
            MaxTries = _options.MaxTriesPerCode,
            SendNumber = entry.SendNumber,
        };
        await _challenges.PutAsync(subject.CallId, challenge, cancellationToken);

        var message = _messages.Render(channel, request.Culture, code, _options.CodeLifetime);
        var result = await DeliverAsync(channel, destination, message, entry, cancellationToken);

        // The send happened (or may have): record it even if the caller has gone.
        var completedAt = _time.GetUtcNow();
        var status = result.Outcome switch
        {
            SendOutcome.Sent => OutboxStatus.Sent,
            SendOutcome.Failed => OutboxStatus.Failed,
            _ => OutboxStatus.Unknown,
        };
        await _outbox.MarkAsync(entry, status, result.Reason, result.ProviderMessageId, completedAt, CancellationToken.None);
        if (status == OutboxStatus.Failed)
        {
            await _challenges.MarkNotDeliveredAsync(subject.CallId, channel, entry.SendNumber, completedAt, CancellationToken.None);
        }

        var outcome = status.ToString().ToLowerInvariant();
        _metrics.RecordSend(ChannelTag(channel), sender, outcome);
        await _recorder.RecordEventAsync(subject.CallId, "auth.passcode.send",
            string.Create(CultureInfo.InvariantCulture, $"channel={ChannelTag(channel)};send={entry.SendNumber};to={destination.Masked};outcome={outcome};reason={result.Reason}"),
            CancellationToken.None);
        _logger.LogInformation("Passcode send {SendNumber} by {Channel} via {Provider} to {Destination}: {Outcome} ({Reason})",
            entry.SendNumber, ChannelTag(channel), sender, destination.Masked, outcome, result.Reason);

        if (status == OutboxStatus.Failed)
        {
            throw result.DestinationRejected
                ? new ProblemException(422, "passcode-destination-rejected", "The destination on file cannot receive a code",
                    $"The provider refused the {ChannelTag(channel)} destination on file ({result.Reason}); use another channel or method.")
                : new ProblemException(503, "passcode-sender-unavailable", "The code could not be sent",
                    $"The provider did not take the message ({result.Reason}); nothing was sent, so asking again is safe.");
        }

        return new PasscodeSendResponse(channel, destination.Masked, status == OutboxStatus.Sent ? "sent" : "unknown",
            entry.SendNumber, challenge.ExpiresAt, now + _options.ResendCooldown);
    }

    internal static string ChannelTag(PasscodeChannel channel) => channel == PasscodeChannel.Sms ? "sms" : "email";

    private async Task<SendResult> DeliverAsync(PasscodeChannel channel, Destination destination, PasscodeMessage message, PasscodeOutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return channel == PasscodeChannel.Sms
                ? await _sms.SendAsync(
                    new OutboundSms(destination.Phone!, message.Text, entry.RequestId, entry.CreatedAt, _options.CodeLifetime), cancellationToken)
                : await _email.SendAsync(
                    new OutboundEmail(destination.Email!, message.Subject!, message.Text, entry.RequestId), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller hung up mid-send; the message may have left.
            return SendResult.Unknown("cancelled");
        }
    }

    private string SenderName(PasscodeChannel channel) => channel == PasscodeChannel.Sms ? _sms.Provider : _email.Provider;

    private Destination DestinationOnFile(VerificationSubject subject, PasscodeChannel channel)
    {
        if (channel == PasscodeChannel.Sms)
        {
            if (!PhoneNumber.TryParse(subject.Snapshot.MobileE164, _options.DefaultCountryCode, out var phone, out _))
            {
                throw NoDestination("mobile number");
            }

            return new Destination(phone, null, DestinationMasker.Phone(phone), "sms:" + phone.E164);
        }

        var email = subject.Snapshot.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            throw NoDestination("email address");
        }

        return new Destination(null, email, DestinationMasker.Email(email), "email:" + email.ToLowerInvariant());
    }

    private async Task RefuseAsync(VerificationSubject subject, PasscodeChannel channel, Destination destination, string reason, CancellationToken cancellationToken)
    {
        _metrics.RecordSend(ChannelTag(channel), "none", "refused-" + reason);
        await _recorder.RecordEventAsync(subject.CallId, "auth.passcode.refused",
            $"channel={ChannelTag(channel)};to={destination.Masked};reason={reason}", cancellationToken);
        _logger.LogInformation("Passcode send by {Channel} to {Destination} refused: {Reason}", ChannelTag(channel), destination.Masked, reason);
    }

    private static ProblemException NoDestination(string what) =>
        new(422, "no-passcode-destination-on-file", "No destination on file",
            $"The selected account has no usable {what} on file; codes only go to a channel on file, so use another method.");

    private static ProblemException TooSoon(string slug, string title, string detail, DateTimeOffset retryAt) =>
        new(429, slug, title, detail, new Dictionary<string, object?> { ["retryAt"] = retryAt });

    /// <summary>A destination on file: the parsed number or the address, its mask, and its cap key.</summary>
    private sealed record Destination(PhoneNumber? Phone, string? Email, string Masked, string Key);
}
