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
        var body = await ReadCappedAsync(request, cancellationToken);
        var result = await service.AcceptAsync(
            callId,
            request.Headers[BiometricSignature.VendorHeaderName].ToString(),
            request.Headers[BiometricSignature.HeaderName].ToString(),
            body,
            cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadCappedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemException TooLarge() =>
        new(413, "payload-too-large", "Request body too large", $"The request body exceeds {MaxBodyBytes:N0} bytes.");
}
