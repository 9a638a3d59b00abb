using System.Security.Cryptography;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Http;
using Connectors.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Retries;

/// <summary>
/// A platform's retry (same sender, same request id, same bytes) gets the first answer again and changes nothing; the
/// same id with other bytes is a 409 <c>request-id-reused</c>. The request claims its id before it runs, so two identical
/// retries arriving together run once: the second waits (bounded by <see cref="RequestReplayOptions.InProgressWait"/>) for
/// the first answer, then gets a 409 <c>request-in-progress</c> with Retry-After. A final answer (a value, or a 4xx
/// problem that a retry would meet again) is kept; a failure that is not an answer (storage down, contention, a 5xx)
/// gives the id back so the retry runs.
/// </summary>
public sealed partial class FirstAnswerReplayer
{
    /// <summary>The stable problem type of a request id sent again with another body.</summary>
    public const string ReusedSlug = "request-id-reused";

    /// <summary>The stable problem type of a duplicate that waited out <see cref="RequestReplayOptions.InProgressWait"/>.</summary>
    public const string InProgressSlug = "request-in-progress";

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(500);

    private readonly StepUpKeyring _keyring;
    private readonly IOptions<RequestReplayOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public FirstAnswerReplayer(StepUpKeyring keyring, IOptions<RequestReplayOptions> options, TimeProvider time, ILogger<FirstAnswerReplayer> logger)
    {
        _keyring = keyring;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs <paramref name="run"/> once per request id of <paramref name="request"/>'s sender and answers every retry with its answer.</summary>
    public async Task<T> AnswerOnceAsync<T>(RequestReplayStore store, ReplayedRequest request, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);

        // Keyed: a body may hold a knowledge answer or a code, which a plain hash would give away to a guess.
        var bodyHash = _keyring.Pseudonymize("replayed-request", Convert.ToHexStringLower(SHA256.HashData(request.Fingerprint.Span)));
        var deadline = _time.GetUtcNow() + _options.Value.InProgressWait;
        var poll = FirstPoll;
        while (true)
        {
            var claim = await store.ClaimAsync(request.Sender, request.RequestId, bodyHash, cancellationToken);
            switch (claim.State)
            {
                case ReplayClaimState.Claimed:
                    return await RunClaimedAsync(store, claim, request, run, cancellationToken);

                case ReplayClaimState.Answered:
                    LogReplayed(store.TableName, request.Sender);
                    return Replay<T>(claim.Answer!);

                case ReplayClaimState.Rerun:
                    return await run(cancellationToken);

                case ReplayClaimState.Mismatch:
                    LogReused(store.TableName, request.Sender);
                    throw new ProblemException(409, ReusedSlug, "Request id already used",
                        "This request id was used before for a different request; a retry sends the same body, a new request a new id.");

                default:
                    if (_time.GetUtcNow() >= deadline)
                    {
                        throw new ProblemException(409, InProgressSlug, "Request in progress",
                            "The first request with this id is still being answered; send the same request again shortly for its answer.")
                        {
                            RetryAfter = TimeSpan.FromSeconds(1),
                        };
                    }

                    await Task.Delay(poll, _time, cancellationToken);
                    poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
                    break;
            }
        }
    }

    private async Task<T> RunClaimedAsync<T>(RequestReplayStore store, ReplayClaim claim, ReplayedRequest request, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        T value;
        try
        {
            value = await run(cancellationToken);
        }
        catch (ProblemException problem) when (IsFinal(problem))
        {
            await store.CompleteAsync(claim, Screen(request, JsonSerializer.SerializeToUtf8Bytes(StoredProblem.Of(problem), ConnectorsJson.Options), isProblem: true), CancellationToken.None);
            throw;
        }
        catch
        {
            // Not an answer: the retry has to be able to run. Not cancellable: a cancelled request must still let go.
            await store.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }

        await store.CompleteAsync(claim, Screen(request, JsonSerializer.SerializeToUtf8Bytes(value, ConnectorsJson.Options), isProblem: false), CancellationToken.None);
        return value;
    }

    private StoredAnswer? Screen(ReplayedRequest request, byte[] json, bool isProblem)
    {
        if (!request.AnswerMayBeStored)
        {
            return null;
        }

        if (!ReplayAnswerScreen.MayStore(json))
        {
            LogNotStored(request.Sender);
            return null;
        }

        return new StoredAnswer(isProblem, json);
    }

    private static T Replay<T>(StoredAnswer answer)
    {
        if (answer.IsProblem)
        {
            throw JsonSerializer.Deserialize<StoredProblem>(answer.Json, ConnectorsJson.Options)!.ToException();
        }

        return JsonSerializer.Deserialize<T>(answer.Json, ConnectorsJson.Options)!;
    }

    /// <summary>A 4xx the same request would meet again; a 409 or 429 (state of the moment) and anything with Retry-After are not final.</summary>
    private static bool IsFinal(ProblemException problem) =>
        problem.Status is >= 400 and < 500 and not (408 or 409 or 423 or 425 or 429 or 499) && problem.RetryAfter is null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered a retry from {Sender} with its first answer ({Table})")]
    private partial void LogReplayed(string table, string sender);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request from {Sender}: its request id was used for another body ({Table})")]
    private partial void LogReused(string table, string sender);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An answer to {Sender} held what no table may; its retries run again instead of replaying it")]
    private partial void LogNotStored(string sender);

    /// <summary>A problem as stored for its retries (status, stable type, title, detail, extensions).</summary>
    private sealed record StoredProblem(int Status, string Slug, string Title, string Detail, Dictionary<string, JsonElement> Extensions)
    {
        public static StoredProblem Of(ProblemException problem) => new(
            problem.Status,
            problem.Slug,
            problem.Title,
            problem.Message,
            problem.Extensions.ToDictionary(e => e.Key, e => JsonSerializer.SerializeToElement(e.Value, ConnectorsJson.Options)));

        public ProblemException ToException() =>
            new(Status, Slug, Title, Detail, Extensions.ToDictionary(e => e.Key, e => (object?)e.Value));
    }
}
