using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Connectors.Core.Resilience;

/// <summary>
/// The one place outbound HTTP pipelines are built (Polly v8), for the CRM clients and the senders alike:
/// total timeout → retry (jittered exponential, honouring Retry-After up to a cap, only what the caller's
/// rule allows) → circuit breaker → per-attempt timeout. The breaker and the attempt timeout are one
/// <see cref="PerAttempt"/> pipeline, so a client that needs a retrying and a single-attempt pipeline
/// (CRM writes without an idempotency key) shares one circuit between them.
/// </summary>
public static class HttpResiliencePipelines
{
    /// <summary>The circuit breaker and the per-attempt timeout; <paramref name="isFailure"/> says what counts against the circuit.</summary>
    public static ResiliencePipeline<HttpResponseMessage> PerAttempt(
        IHttpResilienceShape shape, TimeProvider timeProvider, Func<Outcome<HttpResponseMessage>, ValueTask<bool>> isFailure)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = shape.BreakerFailureRatio,
                MinimumThroughput = shape.BreakerMinimumThroughput,
                SamplingDuration = shape.BreakerSamplingDuration,
                BreakDuration = shape.BreakDuration,
                ShouldHandle = args => isFailure(args.Outcome),
            })
            .AddTimeout(shape.AttemptTimeout)
            .Build();
    }

    /// <summary>
    /// <paramref name="perAttempt"/> under the total timeout, with a retry between them when <paramref name="mayRetry"/>
    /// is given and the shape allows retries. A Retry-After longer than <see cref="IHttpResilienceShape.MaxRetryAfter"/> is not waited out.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Around(
        ResiliencePipeline<HttpResponseMessage> perAttempt,
        IHttpResilienceShape shape,
        TimeProvider timeProvider,
        Func<Outcome<HttpResponseMessage>, ValueTask<bool>>? mayRetry)
    {
        ArgumentNullException.ThrowIfNull(perAttempt);
        ArgumentNullException.ThrowIfNull(shape);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(shape.TotalTimeout);
        if (mayRetry is not null && shape.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = shape.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = shape.BaseDelay,
                MaxDelay = shape.MaxRetryAfter,
                ShouldHandle = async args => await mayRetry(args.Outcome) && !(RetryAfter(args.Outcome.Result) > shape.MaxRetryAfter),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            });
        }

        return builder.AddPipeline(perAttempt).Build();
    }

    /// <summary>The server's Retry-After (seconds, or a date by the server's own clock) when it sent one; null lets the back-off decide.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
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

    /// <summary>Status codes every API here means as "try again": 408, 429 and 5xx.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
