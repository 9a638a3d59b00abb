using System.Text.Json;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Connectors.Core.Http;

/// <summary>Reads a JSON request body with a size cap, turning every way it can be wrong into a 400/413/415.</summary>
public static class RequestBody
{
    /// <summary>Default cap for small command bodies.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        RequireJsonContentType(request);
        var body = await ReadBytesAsync(request, maxBytes, cancellationToken);

        if (body.Length == 0)
        {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body is empty; a JSON object is required.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, ConnectorsJson.Options)
                ?? throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body must be a JSON object, not null.");
        }
        catch (JsonException ex)
        {
            // The position helps the sender; the content is never echoed (it may hold a code or a card number).
            throw new ProblemException(400, "malformed-json", "Malformed JSON",
                $"The request body is not valid JSON for this endpoint (line {ex.LineNumber}, byte {ex.BytePositionInLine}).");
        }
    }

    /// <summary>
    /// 415 unless the request says its body is JSON: <c>application/json</c> or an <c>application/*+json</c> type (any charset
    /// parameter). A missing Content-Type is refused too: a body of unknown type is not guessed at.
    /// </summary>
    /// <summary>The body as sent, refusing (413) more than <paramref name="maxBytes"/> whatever Content-Length claims.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static void RequireJsonContentType(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType;
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) && IsJson(parsed.MediaType.Value))
        {
            return;
        }

        throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
            contentType is null
                ? "Send the body with Content-Type: application/json."
                : $"Send the body with Content-Type: application/json, not '{InputIdentifiers.Echo(contentType, 100)}'.");
    }

    private static bool IsJson(string? mediaType) =>
        string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
        || (mediaType is not null && mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
            && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static ProblemException TooLarge(int maxBytes) =>
        new(413, "payload-too-large", "Request body too large", $"The request body exceeds {maxBytes:N0} bytes.");
}
