using System.Net;
using Connectors.Core.Resilience;
using Polly;
using Polly.Timeout;

namespace Connectors.Core.Auth.Senders;

/// <summary>
/// One sender's resilience, built by <see cref="HttpResiliencePipelines"/> and held as a singleton so its breaker sees every send:
/// total timeout → retry (jittered exponential, honouring Retry-After, only what <see cref="Safety"/>
/// allows) → circuit breaker → per-attempt timeout.
/// </summary>
public sealed class SenderResiliencePipeline
{
    public SenderResiliencePipeline(string name, SenderResilienceOptions options, SenderRetrySafety safety, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Options = options;
        Safety = safety;
        Pipeline = HttpResiliencePipelines.Around(
            HttpResiliencePipelines.PerAttempt(options, timeProvider, outcome => ValueTask.FromResult(IsFailure(outcome))),
            options,
            timeProvider,
            outcome => ValueTask.FromResult(IsSafeToRetry(outcome, safety)));
    }

    public string Name { get; }

    public SenderResilienceOptions Options { get; }

    public SenderRetrySafety Safety { get; }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>The retry rule: with no idempotency, only what provably did not reach (or was refused by) the provider.</summary>
    internal static bool IsSafeToRetry(Outcome<HttpResponseMessage> outcome, SenderRetrySafety safety) => safety switch
    {
        SenderRetrySafety.Repeatable => IsFailure(outcome),
        _ => outcome.Exception is { } ex
            ? SendFailures.NeverReachedServer(ex)
            : outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests,
    };

    /// <summary>What counts against the breaker: transport failures, timeouts, 408, 429 and 5xx.</summary>
    internal static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException or HttpRequestException } => true,
        { Exception: not null } => false,
        { Result: { } response } => HttpResiliencePipelines.IsTransientStatus(response.StatusCode),
        _ => false,
    };
}
