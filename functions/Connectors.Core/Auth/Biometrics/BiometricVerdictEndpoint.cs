using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Auth.Biometrics;

/// <summary>
/// <c>POST /api/calls/{callId}/auth/biometric</c> with headers <c>X-Biometric-Vendor</c> and
/// <c>X-Biometric-Signature</c>. The raw bytes are what is verified, so the body is read whole (capped)
/// before any parsing.
/// </summary>
public static class BiometricVerdictEndpoint
{
    public const int MaxBodyBytes = 8 * 1024;

    public static async Task<IResult> HandleAsync(string callId, HttpRequest request, BiometricVerdictService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(service);
        RequestBody.RequireJsonContentType(request);
        ReadOnlyMemory<byte> body = await RequestBody.ReadBytesAsync(request, MaxBodyBytes, cancellationToken);
        var result = await service.AcceptAsync(
            callId,
            request.Headers[BiometricSignature.VendorHeaderName].ToString(),
            request.Headers[BiometricSignature.HeaderName].ToString(),
            body,
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
