using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Connectors.Core.Auth.Senders;

/// <summary>
/// One sender's resilience, built in one place and held as a singleton so its breaker sees every send:
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
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(IsSafeToRetry(args.Outcome, safety) && !(RetryAfter(args.Outcome.Result) > options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        Pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
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
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>The server's Retry-After (seconds or a date), when it sent one; null lets the back-off decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && response!.Headers.Date is { } now)
        {
            return date > now ? date - now : TimeSpan.Zero;
        }

        return null;
    }
}
