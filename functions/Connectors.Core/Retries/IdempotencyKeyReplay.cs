using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connectors.Core.Http;
using Connectors.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Connectors.Core.Retries;

/// <summary>
/// The JSON API's step-up writes honour an <c>Idempotency-Key</c> header as the platforms' retries are honoured: the
/// same key on the same call with the same body gets the first answer and counts nothing more (a client's network retry
/// must not lock a caller out or send a second code); the same key with another body is a 409 request-id-reused.
/// Without the header a request runs as before: a second answer without a key is the caller's second try.
/// </summary>
public static class IdempotencyKeyReplay
{
    public const string HeaderName = "Idempotency-Key";
    private const int MaxKeyLength = 256;

    public static Task<T> AnswerAsync<T>(
        HttpRequest request,
        string callId,
        object body,
        RequestReplayStores replays,
        FirstAnswerReplayer replayer,
        Func<CancellationToken, Task<T>> run,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(replays);
        ArgumentNullException.ThrowIfNull(replayer);
        ArgumentNullException.ThrowIfNull(run);
        var key = request.Headers[HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            return run(cancellationToken);
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ProblemException(400, "invalid-idempotency-key", "Invalid Idempotency-Key", $"An {HeaderName} is at most {MaxKeyLength} characters.");
        }

        // Keys are the client's, of any shape and per call: the row is a hash of both.
        var row = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(callId + "\n" + key)));
        var fingerprint = Encoding.UTF8.GetBytes(request.Path.Value + "\n").Concat(JsonSerializer.SerializeToUtf8Bytes(body, ConnectorsJson.Options)).ToArray();
        return replayer.AnswerOnceAsync(replays.Api, new ReplayedRequest("api", row, fingerprint), run, cancellationToken);
    }
}
