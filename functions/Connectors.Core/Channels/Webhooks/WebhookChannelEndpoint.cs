using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Retries;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask.Client;

namespace Connectors.Core.Channels.Webhooks;

/// <summary>
/// <c>POST /api/channels/webhook</c>: any platform that can sign. <c>X-Connectors-Sender</c> names the sender;
/// <c>X-Connectors-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "{t}.{body}"&gt;</c> under its secret
/// (the scheme biometric verdicts use), within the tolerance. Anything else is a 401 before anything is read or written
/// for the call. A retry (the same request id and body, signed again) gets the first answer and changes nothing; the same
/// request id with another body is a 409 request-id-reused.
/// </summary>
public static class WebhookChannelEndpoint
{
    public const string SenderHeader = "X-Connectors-Sender";
    public const string SignatureHeader = "X-Connectors-Signature";
    public const int MaxAnswerBytes = 64 * 1000;

    /// <summary>The header value a sender sends for <paramref name="body"/> at <paramref name="unixSeconds"/>.</summary>
    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) => BiometricSignature.Sign(secret, unixSeconds, body);

    public static async Task<IResult> HandleAsync(
        HttpRequest request,
        IOptionsMonitor<WebhookChannelOptions> options,
        RequestReplayStores replays,
        FirstAnswerReplayer replayer,
        ChannelActionDispatcher dispatcher,
        DurableTaskClient wrapUps,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(replays);
        ArgumentNullException.ThrowIfNull(replayer);
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger(typeof(WebhookChannelEndpoint));
        var settings = options.CurrentValue;
        var body = await ChannelRequest.ReadBodyAsync(request, cancellationToken);
        var sender = request.Headers[SenderHeader].ToString();
        var now = time.GetUtcNow();
        if (!settings.Senders.TryGetValue(sender, out var known) || !WebhookChannelOptions.SenderName().IsMatch(sender))
        {
            logger.LogWarning("Refused a webhook from an unknown sender");
            return ChannelRequest.Unauthorized();
        }

        var check = BiometricSignature.Validate(request.Headers[SignatureHeader].ToString(), body, known.Secret, now, settings.Tolerance);
        if (check != BiometricSignatureCheck.Valid)
        {
            logger.LogWarning("Refused a webhook from {Sender}: signature {Check}", sender, check);
            return ChannelRequest.Unauthorized();
        }

        var envelope = WebhookEnvelope.Parse(body);
        var answer = await replayer.AnswerOnceAsync(
            replays.Webhooks,
            new ReplayedRequest(sender, envelope.RequestId, body, ChannelActions.AnswerMayBeStored(envelope.Action)),
            ct => dispatcher.DispatchAsync(
                new ChannelCommand(ChannelPlatforms.Webhook, envelope.CallId, envelope.Action, envelope.Parameters, sender + ":" + envelope.RequestId),
                wrapUps,
                ct),
            cancellationToken);
        return ChannelRequest.Answer(answer, MaxAnswerBytes);
    }
}
