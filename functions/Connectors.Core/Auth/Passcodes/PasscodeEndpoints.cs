using Connectors.Core.Calls;
using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// <c>POST /api/calls/{callId}/auth/otp</c> (send; 202 with the masked destination) and
/// <c>POST /api/calls/{callId}/auth/otp/verify</c> (check; 200 with a <see cref="StepUpResult"/>).
/// </summary>
public static class PasscodeEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static async Task<IResult> SendAsync(string callId, HttpRequest request, PasscodeSendService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(service);
        CallId.Validate(callId);
        var body = await RequestBody.ReadJsonAsync<PasscodeSendRequest>(request, MaxBodyBytes, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.Culture) && request.Headers.AcceptLanguage.Count > 0)
        {
            body = body with { Culture = FirstLanguage(request.Headers.AcceptLanguage.ToString()) };
        }

        return TypedResults.Accepted((string?)null, await service.SendAsync(callId, body, cancellationToken));
    }

    public static async Task<IResult> VerifyAsync(string callId, HttpRequest request, PasscodeVerifyService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        CallId.Validate(callId);
        var body = await RequestBody.ReadJsonAsync<PasscodeVerifyRequest>(request, MaxBodyBytes, cancellationToken);
        return TypedResults.Ok(await service.VerifyAsync(callId, body, cancellationToken));
    }

    /// <summary>The first tag of an Accept-Language header ("es-MX,es;q=0.9" → "es-MX").</summary>
    internal static string? FirstLanguage(string header)
    {
        var first = header.Split(',')[0].Split(';')[0].Trim();
        return first.Length is > 0 and <= 35 && first != "*" ? first : null;
    }
}
