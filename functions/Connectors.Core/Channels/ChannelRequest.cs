using Connectors.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Connectors.Core.Channels;

/// <summary>What the channel adapters share: the raw body (signatures are over bytes), the 401, the size caps.</summary>
public static class ChannelRequest
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Reads the body as sent, refusing more than <see cref="MaxBodyBytes"/>.</summary>
    public static Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadBytesAsync(request, MaxBodyBytes, cancellationToken);

    /// <summary>The path and query exactly as the client sent them (a signature covers them byte for byte).</summary>
    public static string RawTarget(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw) || !raw.StartsWith('/') ? (request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent() : raw;
    }

    /// <summary>The one answer to a request that fails its platform's check: nothing about why, and nothing done.</summary>
    public static IResult Unauthorized() =>
        ProblemResults.ToResult(new ProblemException(401, "invalid-signature", "Request not authenticated",
            "The request's signature is missing, wrong, stale or replayed; nothing was done."));

    /// <summary>Refuses to send an answer larger than the platform reads (Connect: 32 KB; Studio: 64 kB).</summary>
    public static IResult Answer(IReadOnlyDictionary<string, string> answer, int maxBytes)
    {
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(answer);
        return bytes.Length > maxBytes
            ? throw new ProblemException(500, "answer-too-large", "Answer too large", $"The answer of {bytes.Length:N0} bytes exceeds the platform's {maxBytes:N0}.")
            : TypedResults.Bytes(bytes, "application/json");
    }
}
