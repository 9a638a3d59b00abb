using Connectors.Core.Calls;
using Connectors.Core.Http;
using Connectors.Core.Retries;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// <c>POST /api/calls/{callId}/auth/otp</c> (send; 202 with the masked destination) and
/// <c>POST /api/calls/{callId}/auth/otp/verify</c> (check; 200 with a <see cref="StepUpResult"/>). Both honour
/// <c>Idempotency-Key</c> (<see cref="IdempotencyKeyReplay"/>).
/// </summary>
public static class PasscodeEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static async Task<IResult> SendAsync(
        string callId, HttpRequest request, PasscodeSendService service, RequestReplayStores replays, FirstAnswerReplayer replayer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(service);
        CallId.Validate(callId);
        var body = await RequestBody.ReadJsonAsync<PasscodeSendRequest>(request, MaxBodyBytes, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.Culture) && request.Headers.AcceptLanguage.Count > 0)
        {
            body = body with { Culture = FirstLanguage(request.Headers.AcceptLanguage.ToString()) };
        }

        return TypedResults.Accepted((string?)null, await IdempotencyKeyReplay.AnswerAsync(request, callId, body, replays, replayer, ct => service.SendAsync(callId, body, ct), cancellationToken));
    }

    public static async Task<IResult> VerifyAsync(
        string callId, HttpRequest request, PasscodeVerifyService service, RequestReplayStores replays, FirstAnswerReplayer replayer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        CallId.Validate(callId);
        var body = await RequestBody.ReadJsonAsync<PasscodeVerifyRequest>(request, MaxBodyBytes, cancellationToken);
        return TypedResults.Ok(await IdempotencyKeyReplay.AnswerAsync(request, callId, body, replays, replayer, ct => service.VerifyAsync(callId, body, ct), cancellationToken));
    }

    /// <summary>The first tag of an Accept-Language header ("es-MX,es;q=0.9" → "es-MX").</summary>
    internal static string? FirstLanguage(string header)
    {
        var first = header.Split(',')[0].Split(';')[0].Trim();
        return first.Length is > 0 and <= 35 && first != "*" ? first : null;
    }
}
