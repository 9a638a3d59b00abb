using System.Text.Json;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Http;

/// <summary>Reads a JSON request body with a size cap, turning every way it can be wrong into a 400/413/415.</summary>
public static class RequestBody
{
    /// <summary>Default cap for small command bodies.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type", $"Send application/json, not '{contentType}'.");
        }

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

        if (buffer.Length == 0)
        {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body is empty; a JSON object is required.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ConnectorsJson.Options)
                ?? throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body must be a JSON object, not null.");
        }
        catch (JsonException ex)
        {
            // The position helps the sender; the content is never echoed (it may hold a code or a card number).
            throw new ProblemException(400, "malformed-json", "Malformed JSON",
                $"The request body is not valid JSON for this endpoint (line {ex.LineNumber}, byte {ex.BytePositionInLine}).");
        }
    }

    private static ProblemException TooLarge(int maxBytes) =>
        new(413, "payload-too-large", "Request body too large", $"The request body exceeds {maxBytes:N0} bytes.");
}
